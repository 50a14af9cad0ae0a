/** Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by component and by function. */

/** Which component a profile frame belongs to. */
export function componentOf(url, functionName) {
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return '(program: native, unattributed)';
  if (!url) return 'V8/native builtins';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  const lib = /\/libs\/engage-send\/(?:dist|src)\/(.*)$/.exec(url);
  if (lib) {
    const parts = lib[1].split('/');
    return `engage-send ${parts.length > 1 ? `${parts[0]}/` : parts[0].replace(/\.[jt]s$/, '')}`;
  }
  if (url.includes('/bench/')) return 'bench harness';
  if (url.startsWith('node:')) {
    const module = url.slice(5).replace(/^internal\//, '');
    return `node:${module.split('/')[0].replace(/\.js$/, '')}`;
  }
  return url;
}

/**
 * @param profile the parsed `.cpuprofile` JSON
 * @returns `{ totalMs, busyMs, components: [{ name, ms, share }], functions: [{ name, component, ms, share }] }`,
 *   shares of busy (non-idle) time.
 */
export function summariseCpuProfile(profile, { top = 20 } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const components = new Map();
  const functions = new Map();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id);
    const component = componentOf(callFrame.url, callFrame.functionName);
    totalUs += us;
    if (component === '(idle)') {
      idleUs += us;
      continue;
    }
    components.set(component, (components.get(component) ?? 0) + us);
    const file = callFrame.url ? callFrame.url.replace(/^.*\/(node_modules|libs|bench)\//, '$1/') : '';
    const name = `${callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${callFrame.lineNumber + 1}` : ''}`;
    const entry = functions.get(name) ?? { name, component, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  const busyUs = totalUs - idleUs;
  const share = (us) => (busyUs > 0 ? us / busyUs : 0);
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    components: [...components]
      .map(([name, us]) => ({ name, ms: us / 1000, share: share(us) }))
      .sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ name, component, us }) => ({ name, component, ms: us / 1000, share: share(us) })),
  };
}

/** The summary as text. */
export function formatProfile(summary, { components = 15 } = {}) {
  const lines = [`profile: ${summary.busyMs.toFixed(0)} ms busy of ${summary.totalMs.toFixed(0)} ms sampled`, 'self time by component:'];
  for (const c of summary.components.slice(0, components)) lines.push(`  ${(c.share * 100).toFixed(1).padStart(5)} %  ${c.name}`);
  lines.push('top functions (self time):');
  for (const f of summary.functions) lines.push(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}  [${f.component}]`);
  return lines.join('\n');
}
