import { ENGAGE_ACTIONS, type EngageEndpointOptions } from 'engage-send';

/** Where Engage's calls reach the demo: the Base URI to enter in Engage's admin is `<demo origin>/engage`. */
export const DEMO_ENDPOINT_PATH = '/engage';

/**
 * The demo's source options, declared to Engage in `implementation.info`:
 * structured contents need `view.messaging`, the typing routes
 * `messaging.typing_indicator`.
 */
export const DEMO_SOURCE_OPTIONS: readonly string[] = ['view.messaging', 'messaging.typing_indicator'];

/**
 * The demo's endpoint: it sends every Send API action (one route each), so it
 * declares them all, and answers agents' replies of the three objects.
 */
export const DEMO_ENDPOINT: EngageEndpointOptions = { path: DEMO_ENDPOINT_PATH, sends: [...ENGAGE_ACTIONS] };
