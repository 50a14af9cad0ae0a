import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';

/** An axios interceptor manager, as far as watching it goes (its public methods). */
interface InterceptorManager {
  use(...args: unknown[]): number;
  eject(id: number): void;
  clear(): void;
}

/**
 * Whether a registration's axios instance is still exactly as the module built
 * it: no interceptor of the app's, no default changed. The instance tells as it
 * changes — its interceptor managers' `use`, `eject` and `clear`, and any write
 * to its defaults — so a send reads one boolean, and nothing of axios' own
 * state is looked at, on a send or ever.
 *
 * The signing interceptor is the module's: `clear()` puts it back, and
 * ejecting it is ignored, so a body never leaves unsigned.
 */
export class AxiosCustomisation {
  /** Interceptors of the app's still registered, as `request:<id>` / `response:<id>`. */
  private readonly interceptors = new Set<string>();
  private defaultsChanged = false;

  constructor(
    instance: AxiosInstance,
    private readonly signingInterceptorId: number,
    signer: (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig,
  ) {
    const request = instance.interceptors.request;
    // Captured before `use` is watched: putting the signing interceptor back is not the app's doing.
    const useUnwatched = request.use.bind(request);
    this.watch('request', request as unknown as InterceptorManager, () => useUnwatched(signer, undefined, { synchronous: true }));
    this.watch('response', instance.interceptors.response as unknown as InterceptorManager, () => undefined);
    instance.defaults = watchWrites(instance.defaults, () => (this.defaultsChanged = true));
  }

  /** No interceptor of the app's, no default changed: sends may skip axios. */
  get untouched(): boolean {
    return this.interceptors.size === 0 && !this.defaultsChanged;
  }

  private watch(kind: 'request' | 'response', manager: InterceptorManager, restoreSigning: () => number | undefined): void {
    const { use, eject, clear } = manager;
    let signingId = kind === 'request' ? this.signingInterceptorId : undefined;
    manager.use = (...args: unknown[]): number => {
      const id = use.apply(manager, args);
      this.interceptors.add(`${kind}:${id}`);
      return id;
    };
    manager.eject = (id: number): void => {
      if (id === signingId) return;
      eject.call(manager, id);
      this.interceptors.delete(`${kind}:${id}`);
    };
    manager.clear = (): void => {
      clear.call(manager);
      for (const key of [...this.interceptors]) if (key.startsWith(`${kind}:`)) this.interceptors.delete(key);
      signingId = restoreSigning();
    };
  }
}

/** Objects (and arrays) whose writes are watched, by target: a nested object is wrapped once. */
type Watched = object;

/**
 * `target` behind a proxy that calls `onWrite` on any write to it or to an
 * object or array inside it (`defaults.headers.common['X-Trace'] = …`). Reads
 * pass through.
 */
function watchWrites<T extends Watched>(target: T, onWrite: () => void, wrapped = new WeakMap<Watched, Watched>()): T {
  const existing = wrapped.get(target);
  if (existing !== undefined) return existing as T;
  const proxy = new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      return isContainer(value) ? watchWrites(value, onWrite, wrapped) : value;
    },
    set(object, key, value) {
      onWrite();
      return Reflect.set(object, key, value);
    },
    deleteProperty(object, key) {
      onWrite();
      return Reflect.deleteProperty(object, key);
    },
    defineProperty(object, key, descriptor) {
      onWrite();
      return Reflect.defineProperty(object, key, descriptor);
    },
  });
  wrapped.set(target, proxy);
  return proxy;
}

function isContainer(value: unknown): value is Watched {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
