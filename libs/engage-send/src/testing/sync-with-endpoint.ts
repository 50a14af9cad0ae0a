import type { EmulatorSource } from './emulator-options.js';
import type { EngageEmulator } from './engage-emulator.js';
import { EngageEndpointClient } from './engage-endpoint-client.js';
import { declaredSource } from './implementation-info-declaration.js';

/**
 * For the standalone emulator: calls `implementation.info` on
 * `ENGAGE_ENDPOINT_URL` as `source`, logs what the integration declares, and
 * with `ENGAGE_EMULATOR_ENFORCE_DECLARED=1` makes the emulator refuse the
 * Send API actions (and options) it did not declare, as Engage does. A
 * failure is logged, not thrown: the emulator keeps serving.
 */
export async function syncWithEndpoint(
  emulator: EngageEmulator,
  source: EmulatorSource,
  env: Readonly<Record<string, string | undefined>>,
  log: (line: string) => void,
): Promise<void> {
  const url = (env['ENGAGE_ENDPOINT_URL'] ?? '').trim();
  const client = new EngageEndpointClient({ url, accessToken: source.accessToken });
  try {
    const info = await client.implementationInfo();
    const objects = Object.entries(info.objects).map(([object, operations]) => `${object}: ${operations.join(', ')}`);
    log(`implementation.info of ${url}: ${objects.join('; ') || 'no objects'}; options: ${info.options.join(', ') || 'none'}`);
    if (['1', 'true'].includes(env['ENGAGE_EMULATOR_ENFORCE_DECLARED']?.trim() ?? '')) {
      emulator.addSource(declaredSource(source, info));
      log(`source ${source.id}: Send API actions not declared by the integration are now refused (422 Invalid action)`);
    }
  } catch (error) {
    log(`implementation.info of ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.close();
  }
}
