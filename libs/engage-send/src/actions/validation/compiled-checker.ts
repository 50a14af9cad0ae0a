import type { ClassTransformOptions } from 'class-transformer';
import type { ValidatorOptions } from 'class-validator';
import { compileClassPlan, type ClassPlan, type CompiledClass } from './compile-plan.js';
import { copyToInstance, type PlanSource } from './instance-copy.js';
import { mirroredSettings, type MirroredSettings } from './mirrored-options.js';
import { notAccepted } from './not-accepted.js';
import { assertValid } from './plan-executor.js';
import type { DtoClass } from './property-hints.js';

/*
 * The fast accept path of ParamsValidator. `plainToInstance` + `validateSync`
 * cost tens of µs per send, mostly in generic work redone every time (metadata
 * lookups and filtering, container lookups, error objects for every property),
 * while nearly every send is valid. This checker compiles that work away once
 * (compile-plan.ts), then per send copies the params as class-transformer would
 * (instance-copy.ts) and runs the same rules on the copy (plan-executor.ts).
 *
 * It only ever ACCEPTS: when it returns an instance, the slow path would have
 * returned an equal one (same classes, same keys in the same order, same
 * values: byte-identical JSON) with no error. For anything else (a failing
 * rule, a value the slow path would report or drop, a decorator it does not
 * mirror, an exception) it returns `undefined`, and the slow path runs as
 * before: error messages and paths are the slow path's by construction.
 */

/** Options of a {@link CompiledChecker}: the very ones the slow path passes. */
export interface CompiledCheckerOptions {
  /** Passed to `validateSync`. */
  readonly validatorOptions: ValidatorOptions;
  /** Passed to `plainToInstance`. */
  readonly transformOptions: ClassTransformOptions;
  /** Classes compiled up front (the action DTOs); the classes nested in them are compiled when first met. */
  readonly roots: readonly DtoClass[];
}

/** Compiled checks of DTO classes for one validator configuration (see the file comment). */
export class CompiledChecker implements PlanSource {
  /**
   * Why the fast path is off for these options (an option it does not mirror),
   * or `undefined` when it is on.
   */
  readonly disabledBecause: string | undefined;
  private readonly settings: MirroredSettings | undefined;
  /** Compiled classes. Keyed by class: bounded by the classes the DTOs' `@Type`s can pick. */
  private readonly plans = new Map<unknown, CompiledClass>();

  constructor(options: CompiledCheckerOptions) {
    const settings = mirroredSettings(options.validatorOptions, options.transformOptions);
    if ('unsupported' in settings) {
      this.disabledBecause = settings.unsupported;
      return;
    }
    this.settings = settings;
    for (const root of options.roots) this.compile(root);
  }

  /**
   * The instance the slow path would return for `params` as `root`, when it
   * would accept them; `undefined` when the slow path must decide. Never
   * modifies `params`.
   */
  accept(root: DtoClass, params: object): object | undefined {
    const settings = this.settings;
    if (settings === undefined) return undefined;
    try {
      const instance = copyToInstance(params, root, this);
      assertValid(instance, this, settings);
      return instance;
    } catch {
      // NotAccepted, or an exception from a DTO's own function: the slow path
      // gives the errors (or throws the same exception).
      return undefined;
    }
  }

  /** The plan of `cls`, compiled on first use; gives up (notAccepted) when `cls` is not compilable. */
  planFor(cls: unknown): ClassPlan {
    const compiled = this.plans.get(cls) ?? this.compile(cls);
    return compiled.compilable ? compiled : notAccepted();
  }

  /**
   * How `cls` compiles (for tests and debugging: an uncompilable class carries
   * the reason), or `undefined` when the fast path is off.
   */
  compiled(cls: DtoClass): CompiledClass | undefined {
    return this.settings === undefined ? undefined : (this.plans.get(cls) ?? this.compile(cls));
  }

  private compile(cls: unknown): CompiledClass {
    if (typeof cls !== 'function' || this.settings === undefined) {
      // Not cached: anything but a class is the caller's (or a type function's) to choose.
      return { compilable: false, cls: cls as DtoClass, reason: `${String(cls)} is not a class` };
    }
    const compiled = compileClassPlan(cls as DtoClass, this.settings);
    this.plans.set(cls, compiled);
    return compiled;
  }
}
