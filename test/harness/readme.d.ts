/** The text of the package's README. */
export function readmeText(): string;
