#!/usr/bin/env node
import { CLI_NICENESS, lowerProcessPriority } from './process-priority.js';

// Before anything else: loading the program's modules alone takes a core for most of a second.
lowerProcessPriority(CLI_NICENESS);
await import('./program.js');
