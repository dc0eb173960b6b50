declare const buildSources: {
  /** The files and folders a build is made of, relative to the project root. */
  BUILD_SOURCES: readonly string[];
  /** A short hash of every source's path and content. */
  sourceHash(root: string): string;
  /** The newest modification time (ms) among the sources and their folders. */
  newestSourceChange(root: string): number;
};
export = buildSources;
