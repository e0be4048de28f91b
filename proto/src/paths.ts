import { join } from 'node:path';

// Where the .proto sources live at run time (gRPC servers load them with proto-loader).
// dist/src/paths.js -> ../../ is the contracts package root.
export const PROTO_ROOT = join(__dirname, '..', '..');
export const MEDIA_PROTO_FILE = 'switchboard/v1/media.proto';
