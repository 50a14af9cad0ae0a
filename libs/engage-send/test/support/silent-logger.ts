import type { LoggerService } from '@nestjs/common';

/** Drops every line: for suites that provoke failures on purpose (the service logs each one). */
export const silentLogger: LoggerService = { log() {}, error() {}, warn() {}, debug() {}, verbose() {} };
