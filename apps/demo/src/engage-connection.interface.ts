/**
 * What `AppModule` needs to reach Engage: the three settings of
 * `EngageSendModule`, once the target is known (for the embedded emulator,
 * once it listens and has a URL).
 */
export interface EngageConnection {
  /** Root URL of the Engage domain (or of the emulator). */
  readonly baseUrl: string;
  /** Engage id of the SDK source. */
  readonly sourceId: string;
  /** The source's access token, the signing key. Never logged. */
  readonly accessToken: string;
}
