#!/usr/bin/env node
// The npm bin of `passend`: registers tsx so Node runs the TypeScript CLI as it is, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
