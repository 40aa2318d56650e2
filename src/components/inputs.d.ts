// @observablehq/inputs ships no type declarations; the components use only select().
declare module "@observablehq/inputs" {
  export function select<T>(
    data: readonly T[],
    options?: {label?: string; value?: T; format?: (d: T) => string; disabled?: boolean}
  ): HTMLElement & {value: T};
}
