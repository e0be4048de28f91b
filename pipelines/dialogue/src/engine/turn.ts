// What one input event does: the working copy of the state, the actions decided so far, and the
// notes explaining why (codes and pack names only, never values, so they are safe to log).
import type { Action, TransferToHuman } from '@switchboard/contracts';
import { renderTemplate } from '../pack/template';
import type { Pack, PromptText, Template } from '../pack/types';
import type { DialogueState } from './state';

export class Turn {
  readonly actions: Action[] = [];
  readonly notes: string[] = [];
  private issued = 0;

  constructor(
    readonly pack: Pack,
    readonly state: DialogueState,
    /** Id of the input event: action ids derive from it, so a replayed event yields the same ids. */
    private readonly eventId: string,
    readonly tenantId: string,
    readonly nowMs: number,
  ) {}

  note(code: string): void {
    this.notes.push(code);
  }

  get lang(): string {
    return this.state.lang === '' ? this.pack.settings.defaultLanguage : this.state.lang;
  }

  say(promptId: string, at: 'end' | 'start' = 'end'): void {
    const { text, cacheId, bargeIn } = this.render(promptId);
    const action: Action = { actionId: this.nextId(), say: { text, language: this.lang, bargeInAllowed: bargeIn, promptId: cacheId } };
    if (at === 'start') this.actions.unshift(action);
    else this.actions.push(action);
  }

  /** Says the first prompt whose placeholders all have values now (the last one otherwise). */
  sayFirstFilled(promptIds: readonly string[]): void {
    const chosen = promptIds.find((id) => this.textOf(id)?.vars.every((v) => this.valueOf(v) !== undefined) ?? false);
    this.say(chosen ?? promptIds[promptIds.length - 1]!);
  }

  ask(promptId: string, slot: string): void {
    // Ask has no prompt_id in the contract yet, so slot questions are not audio-cached.
    this.actions.push({ actionId: this.nextId(), ask: { text: this.render(promptId).text, language: this.lang, slot } });
  }

  transfer(transfer: TransferToHuman): void {
    this.actions.push({ actionId: this.nextId(), transferToHuman: transfer });
  }

  hangUp(reason: string): void {
    this.actions.push({ actionId: this.nextId(), hangUp: { reason } });
  }

  /** Returns the action id, which the connector's ActionResult will carry back. */
  lookup(connector: string, operation: string, params: Record<string, string>): string {
    const actionId = this.nextId();
    this.actions.push({ actionId, lookup: { connector, operation, params } });
    return actionId;
  }

  ticket(subject: string, body: string, priority: string, fields: Record<string, string>): string {
    const actionId = this.nextId();
    this.actions.push({ actionId, createTicket: { subject, body, priority, fields } });
    return actionId;
  }

  /** Fills a pack template from slots and outputs; the result is PII. */
  fill(template: Template, where: string): string {
    const r = renderTemplate(template, (name) => this.valueOf(name));
    for (const name of r.missing) this.note(`missing_value:${where}:${name}`);
    return r.text;
  }

  fillAll(templates: ReadonlyMap<string, Template>, where: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, t] of templates) out[key] = this.fill(t, `${where}.${key}`);
    return out;
  }

  private valueOf(name: string): string | undefined {
    return this.state.slots[name] ?? this.state.outputs[name];
  }

  private textOf(promptId: string): PromptText | undefined {
    const prompt = this.pack.prompts.get(promptId);
    // The loader guarantees every referenced prompt has a text in every pack language.
    return prompt?.texts.get(this.lang) ?? prompt?.texts.get(this.pack.settings.defaultLanguage);
  }

  private render(promptId: string): { text: string; cacheId: string; bargeIn: boolean } {
    const prompt = this.pack.prompts.get(promptId);
    const text = this.textOf(promptId);
    if (prompt === undefined || text === undefined) {
      this.note(`missing_prompt:${promptId}`);
      return { text: '', cacheId: '', bargeIn: true };
    }
    return { text: this.fill(text.parts, promptId), cacheId: text.cacheId, bargeIn: prompt.bargeIn };
  }

  // Ids count issued actions, not positions, so a soothing line put first keeps the others' ids.
  private nextId(): string {
    return `${this.eventId}:${this.issued++}`;
  }
}
