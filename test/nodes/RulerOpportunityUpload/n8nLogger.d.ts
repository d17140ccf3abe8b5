/** The logger n8n-core gives nodes as `this.logger`. */
export function n8nLogger(): { info(message: string, meta?: object): void };
