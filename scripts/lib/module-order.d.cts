/** The order of server/modules, lowest first (module-order.cjs). */
export declare const MODULE_ORDER: Array<string[] | { inOrder: string[] }>;
export declare function notBelow(): Array<{ module: string; higher: string[] }>;
