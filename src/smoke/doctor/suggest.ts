/**
 * "Did you mean" for NAD references: the same name in another namespace (the most common
 * mistake: the NAD lives elsewhere), else a close name in the same namespace (a typo).
 */
export function suggestNadRef(namespace: string, name: string, known: Iterable<string>): string | undefined {
  const refs = [...known];
  const elsewhere = refs.find((ref) => ref.endsWith(`/${name}`) && ref !== `${namespace}/${name}`);
  if (elsewhere !== undefined) return elsewhere;
  let best: { ref: string; distance: number } | undefined;
  for (const ref of refs) {
    const [ns, other] = ref.split('/');
    if (ns !== namespace || other === undefined) continue;
    const distance = editDistance(name, other);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { ref, distance };
  }
  return best?.ref;
}

/** Levenshtein distance (insert, delete, substitute), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
