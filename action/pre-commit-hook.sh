#!/bin/sh
# pre-commit's entry for the hook sdi-feedback (.pre-commit-hooks.yaml): the files it passes are the
# action's `paths` input, one a line (a path may hold spaces); the exit status is the action's (1 on an error).
here=$(dirname "$0")
INPUT_PATHS=$(printf '%s\n' "$@") exec node "$here/dist/index.js"
