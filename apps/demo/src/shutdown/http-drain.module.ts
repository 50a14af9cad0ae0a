import { Module } from '@nestjs/common';
import { HttpDrainService } from './http-drain.service.js';

/** Graceful HTTP shutdown for the demo; exports the drain's signal for long-lived responses. */
@Module({ providers: [HttpDrainService], exports: [HttpDrainService] })
export class HttpDrainModule {}
