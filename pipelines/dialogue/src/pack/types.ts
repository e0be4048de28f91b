// A loaded, validated pack: the whole of a business's dialogue as data. The engine only ever
// reads this shape; nothing in code knows about orders, refunds or shops.

/** A prompt text cut into literal runs and `{name}` placeholders. */
export type TemplatePart = { readonly lit: string } | { readonly var: string };
export type Template = readonly TemplatePart[];

export interface PromptText {
  readonly parts: Template;
  readonly vars: readonly string[];
  /**
   * Key under which text-to-speech may cache this text's audio: set only for fixed texts (no
   * placeholders), and it changes when the text is edited so stale audio is never played.
   */
  readonly cacheId: string;
}

export interface Prompt {
  /** The prompt's name in the pack (its `prompt_id`). */
  readonly id: string;
  /** Placeholders used by any of its languages. */
  readonly vars: readonly string[];
  readonly bargeIn: boolean;
  /** One text per pack language (the loader guarantees every language is present). */
  readonly texts: ReadonlyMap<string, PromptText>;
}

/** Where a branch goes: another flow, the end of the current flow, or a human agent. */
export type Target =
  | { readonly kind: 'flow'; readonly flow: string }
  | { readonly kind: 'end' }
  | { readonly kind: 'handoff' };

export interface SayStep {
  readonly kind: 'say';
  /** Alternatives: the first whose placeholders all have values is said (the last if none). */
  readonly prompts: readonly string[];
}

export interface AskStep {
  readonly kind: 'ask';
  readonly slot: string;
  /** prompts[i] is used for the i-th attempt; running out escalates to onExhausted. */
  readonly prompts: readonly string[];
  /** Answers recognised by intent name (for slots the NLU does not extract). */
  readonly values: ReadonlyMap<string, string>;
  /** Value taken for any other answer that does not start another flow. */
  readonly otherwise: string | undefined;
  readonly onExhausted: Target;
}

export interface ConfirmStep {
  readonly kind: 'confirm';
  readonly prompts: readonly string[];
  readonly onDeny: Target;
  readonly onExhausted: Target;
}

/** An output field a connector step keeps for later prompts; a required one missing is a failure. */
export interface OutputField {
  readonly name: string;
  readonly required: boolean;
}

/** Where a failed connector step goes, by the ActionResult's failure_reason. */
export interface FailureTargets {
  readonly byReason: ReadonlyMap<string, Target>;
  readonly other: Target;
}

export interface LookupStep {
  readonly kind: 'lookup';
  readonly connector: string;
  readonly operation: string;
  readonly params: ReadonlyMap<string, Template>;
  /** Output fields kept from the result; they become placeholders for later steps. */
  readonly outputs: readonly OutputField[];
  readonly onFailure: FailureTargets;
}

export interface TicketStep {
  readonly kind: 'ticket';
  readonly subject: Template;
  readonly body: Template;
  readonly priority: string;
  readonly fields: ReadonlyMap<string, Template>;
  readonly outputs: readonly OutputField[];
  readonly onFailure: FailureTargets;
}

export interface HandoffStep {
  readonly kind: 'handoff';
  readonly reason: string;
  /** Overrides the pack's hand-off queue. */
  readonly queue: string | undefined;
  /** Overrides the pack's hand-off prompt. */
  readonly prompt: string | undefined;
}

export type Step = SayStep | AskStep | ConfirmStep | LookupStep | TicketStep | HandoffStep;
export type StepKind = Step['kind'];
/** Steps that send an action to a connector and wait for its ActionResult. */
export type ConnectorStep = LookupStep | TicketStep;

export interface Flow {
  readonly name: string;
  readonly steps: readonly Step[];
}

export interface PackSettings {
  readonly defaultLanguage: string;
  readonly handoffQueue: string;
  /** Consecutive turns without progress before the caller is handed to a human. */
  readonly maxMisses: number;
  /** Intents below this confidence are treated as not understood. */
  readonly minConfidence: number;
  /** A caller who speaks while a connector result is this late gets the step's failure branch. */
  readonly resultTimeoutMs: number;
  /** Switch the call's language when the caller is understood speaking another pack language. */
  readonly followCallerLanguage: boolean;
  readonly affirmIntent: string;
  readonly denyIntent: string;
  /** The caller takes leave ("that's all, bye"): goodbye and hang up wherever the call is. '' = none. */
  readonly goodbyeIntent: string;
  readonly outOfScopeIntents: ReadonlySet<string>;
}

/** Prompts the engine itself says, outside any flow. */
export interface SystemPrompts {
  readonly greeting: string;
  /** Re-prompts for a caller not understood; the i-th miss uses the i-th (the last repeats). */
  readonly notUnderstood: readonly string[];
  readonly anythingElse: string;
  readonly howCanIHelp: string;
  readonly goodbye: string;
  readonly handoff: string;
  readonly pleaseWait: string | undefined;
}

export interface EmotionThresholds {
  readonly negativeLabels: ReadonlySet<string>;
  /** An utterance with valence below this counts as negative whatever its label. */
  readonly valenceBelow: number;
  /** How many recent utterances are looked at. */
  readonly window: number;
  /** Negative utterances within the window that hand the caller to a human. */
  readonly handoffAfter: number;
}

export interface EmotionPolicy {
  readonly soothePrompt: string;
  readonly defaults: EmotionThresholds;
  readonly tenants: ReadonlyMap<string, EmotionThresholds>;
}

export interface Pack {
  readonly name: string;
  readonly version: number;
  readonly languages: readonly string[];
  readonly settings: PackSettings;
  readonly system: SystemPrompts;
  readonly emotion: EmotionPolicy;
  readonly slots: ReadonlySet<string>;
  /** Intent name → flow it starts. */
  readonly routes: ReadonlyMap<string, string>;
  readonly prompts: ReadonlyMap<string, Prompt>;
  readonly flows: ReadonlyMap<string, Flow>;
}
