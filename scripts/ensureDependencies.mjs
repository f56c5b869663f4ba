#!/usr/bin/env node
// `npm start` on a fresh clone: install the locked npm dependencies first when they are missing.
import { checkNode, ensureDependencies, ProvisionError } from './provision.mjs';

try {
  checkNode();
  ensureDependencies();
} catch (e) {
  if (!(e instanceof ProvisionError)) throw e;
  console.error(`✗ ${e.message}`);
  process.exit(1);
}
