// Names one part of the pack uses from another. Readers record them where they meet them (with
// the YAML path); check-references.ts resolves them once every section has been read.
import type { YamlPath } from './reader';

/** Where in a flow something is used: later steps see the outputs of earlier ones. */
export interface FlowSite {
  readonly flow: string;
  readonly step: number;
}

export interface PromptUse {
  readonly path: YamlPath;
  readonly prompt: string;
  /** Undefined for prompts the engine says outside flows (greeting, goodbye, …). */
  readonly site: FlowSite | undefined;
}

export interface TemplateUse {
  readonly path: YamlPath;
  readonly vars: readonly string[];
  readonly site: FlowSite;
}

export class Refs {
  readonly flows: { readonly path: YamlPath; readonly flow: string }[] = [];
  readonly prompts: PromptUse[] = [];
  readonly slots: { readonly path: YamlPath; readonly slot: string }[] = [];
  readonly templates: TemplateUse[] = [];

  flow(path: YamlPath, flow: string): void {
    this.flows.push({ path, flow });
  }

  prompt(path: YamlPath, prompt: string, site?: FlowSite): void {
    this.prompts.push({ path, prompt, site });
  }

  slot(path: YamlPath, slot: string): void {
    this.slots.push({ path, slot });
  }

  template(path: YamlPath, vars: readonly string[], site: FlowSite): void {
    this.templates.push({ path, vars, site });
  }
}
