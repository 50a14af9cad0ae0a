import { parseEmulatorCliConfig } from './emulator-cli-config.js';
import { EngageEndpointClient } from './engage-endpoint-client.js';

/** How to call the command. */
export const ENDPOINT_COMMAND_USAGE = `usage: ENGAGE_ENDPOINT_URL=<integration's endpoint> engage-emulator <command>
  info                               implementation.info: what the integration declares
  crawl <object> [since_id]          <object>.list, again with since_id until an empty answer
  reply <object> '<json>' [--lose-first-answer]
                                     an agent's content delivered with <object>.create, retried as Engage does
The calls are signed with the token of the first source of ENGAGE_EMULATOR_SOURCES (default: the demo token).`;

/**
 * `engage-emulator <command>`: the emulator plays Engage calling an
 * integration's source endpoint once, prints the outcome as JSON through
 * `log`, and resolves with the process exit code (0 when the integration
 * answered as the contract says). Tokens and signatures are never printed.
 */
export async function runEndpointCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  log: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  const [command, object, ...rest] = args;
  const url = env['ENGAGE_ENDPOINT_URL']?.trim();
  if (!url || !['info', 'crawl', 'reply'].includes(command ?? '') || (command !== 'info' && !object)) {
    log(url ? ENDPOINT_COMMAND_USAGE : `ENGAGE_ENDPOINT_URL is not set\n${ENDPOINT_COMMAND_USAGE}`);
    return 2;
  }
  const { accessToken } = parseEmulatorCliConfig(env).sources[0] as { accessToken: string };
  const client = new EngageEndpointClient({ url, accessToken });
  try {
    if (command === 'info') {
      log(JSON.stringify(await client.implementationInfo(), null, 2));
      return 0;
    }
    if (command === 'crawl') {
      log(JSON.stringify(await client.crawl(object as string, { sinceId: rest[0] }), null, 2));
      return 0;
    }
    let content: unknown;
    try {
      content = JSON.parse(rest[0] ?? '');
    } catch {
      log(`reply: the content must be a JSON object, e.g. '{"body":"Hello","in_reply_to_id":"m1","thread_id":"t1","content_id":"c1"}'`);
      return 2;
    }
    const report = await client.deliver(object as string, content as Record<string, unknown>, { loseAnswers: rest.includes('--lose-first-answer') ? 1 : 0 });
    log(JSON.stringify(report, null, 2));
    return report.outcome === 'accepted' ? 0 : 1;
  } catch (error) {
    log(`engage-emulator ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await client.close();
  }
}
