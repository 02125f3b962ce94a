#!/usr/bin/env node
import { yieldCpu } from './process-priority.js';

// Before anything else: loading the program's modules alone takes a core for most of a second.
yieldCpu();
await import('./program.js');
