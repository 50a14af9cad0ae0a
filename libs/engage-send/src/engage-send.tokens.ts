import { Inject } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { EngageSendService } from './engage-send.service.js';

/**
 * Injection token of the `EngageSendService` of a registration: the class
 * itself for the unnamed registration, a string for a named one.
 */
export function getEngageSendServiceToken(name?: string): string | typeof EngageSendService {
  return name ? `EngageSendService:${name}` : EngageSendService;
}

/**
 * Injection token of the `HttpService` a registration sends with. Inject it
 * to add your own axios interceptors; they run before the signing
 * interceptor, so the signature always covers the final body.
 */
export function getEngageHttpServiceToken(name?: string): string | typeof HttpService {
  return name ? `EngageHttpService:${name}` : `EngageHttpService`;
}

/** Injects the `EngageSendService` of the registration called `name` (or the unnamed one). */
export const InjectEngageSend = (name?: string): ParameterDecorator & PropertyDecorator =>
  Inject(getEngageSendServiceToken(name));
