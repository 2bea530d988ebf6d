/** The V8 flags a serving process runs with (see serving-heap.mjs). */
export declare const SERVING_HEAP_FLAGS: readonly string[];
/** Applies SERVING_HEAP_FLAGS unless the operator chose heap sizes of their own; true when applied. */
export declare function keepServingHeapSmall(): boolean;
