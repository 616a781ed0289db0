/** Thrown at start-up for a container name Azure would refuse. */
export class InvalidContainerNameError extends Error {
  override name = 'InvalidContainerNameError';
  constructor(readonly containerName: string) {
    super(
      `[BlobStore]: invalid container name ${JSON.stringify(containerName)}: ` +
        'use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit',
    );
  }
}

/** Azure's rule: 3-63 characters of a-z, 0-9 and '-', no leading, trailing or doubled '-'. */
export function assertContainerName(name: string): void {
  if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(name)) throw new InvalidContainerNameError(name);
}

/** The three containers used under one configured base name (they must not share one: see createStores). */
export interface ContainerNames {
  state: string;
  transcripts: string;
  documents: string;
}

/** `<base>-state`, `<base>-transcripts`, `<base>-documents`, each checked against Azure's rules. */
export function containerNamesFor(base: string): ContainerNames {
  const names = { state: `${base}-state`, transcripts: `${base}-transcripts`, documents: `${base}-documents` };
  assertContainerName(base);
  Object.values(names).forEach(assertContainerName);
  return names;
}
