// `node --import <this file> script.ts`: runs the library's TypeScript sources
// in a child process the way Jest does (see hooks.mjs), for tests that need
// several real processes.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
