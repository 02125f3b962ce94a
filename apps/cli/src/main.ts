#!/usr/bin/env node
import { lowerProcessPriority } from './process-priority.js';

/** Above the default 0: on a shared host the scheduler favours the service over the CLI. */
const CLI_NICENESS = 10;

// Every command is batch work beside the service (a rebuild, a verification of the whole
// log, an export), so the priority drops before anything else: loading the program's
// modules alone takes a core for most of a second.
lowerProcessPriority(CLI_NICENESS);
await import('./program.js');
