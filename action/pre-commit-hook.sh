#!/bin/sh
# pre-commit's entry for the hook sdi-feedback (.pre-commit-hooks.yaml): the files it passes are the
# action's `paths` input; the exit status is the action's (1 on an error).
here=$(dirname "$0")
INPUT_PATHS="$*" exec node "$here/dist/index.js"
