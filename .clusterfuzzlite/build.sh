#!/bin/bash
# ClusterFuzzLite builds exactly as OSS-Fuzz does: one script for both.
set -euo pipefail
exec bash "$SRC/gatefuzz/oss-fuzz/build.sh"
