/**
 * Defined by the build (esbuild.mjs) from package.json: the package's version, and the URL of its
 * repository (`homepage`, else `repository`; '' when it names none), for the links the CLI prints.
 */
declare const SDI_VERSION: string;
declare const SDI_REPOSITORY: string;
