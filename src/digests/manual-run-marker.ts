/** What finds a `digest run` post in its channel again: one per subscription and request time. */
export function manualRunMarker(id: number, now: Date): string {
  return `rapport-digest:${id}:manual:${now.toISOString()}`;
}
