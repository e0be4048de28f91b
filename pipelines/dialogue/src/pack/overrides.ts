// Deployment-time settings layered over a pack (the processor's options): a default language
// and per-tenant emotion thresholds that operators set without editing the pack.
import { SwitchboardError } from '@switchboard/runtime';
import type { EmotionThresholds, Pack } from './types';

export interface PackOverrides {
  /** Language of calls whose CallStarted carries no usable `language` attribute. */
  readonly defaultLanguage?: string;
  /** Thresholds per tenant id; unset fields keep the pack's value for that tenant. */
  readonly emotionByTenant?: Readonly<Record<string, Partial<EmotionThresholds>>>;
}

export function applyOverrides(pack: Pack, o: PackOverrides): Pack {
  let settings = pack.settings;
  if (o.defaultLanguage !== undefined) {
    if (!pack.languages.includes(o.defaultLanguage)) {
      throw new SwitchboardError('CONFIG_INVALID', `defaultLanguage must be one of the pack's languages (${pack.languages.join(', ')})`);
    }
    settings = { ...settings, defaultLanguage: o.defaultLanguage };
  }
  const tenants = new Map(pack.emotion.tenants);
  for (const [tenant, partial] of Object.entries(o.emotionByTenant ?? {})) {
    const t: EmotionThresholds = { ...(tenants.get(tenant) ?? pack.emotion.defaults), ...partial };
    const problem = thresholdProblem(t);
    if (problem !== undefined) throw new SwitchboardError('CONFIG_INVALID', `emotion thresholds of tenant ${tenant}: ${problem}`);
    tenants.set(tenant, t);
  }
  return { ...pack, settings, emotion: { ...pack.emotion, tenants } };
}

function thresholdProblem(t: EmotionThresholds): string | undefined {
  if (!Number.isInteger(t.window) || t.window < 1 || t.window > 10) return 'window must be a whole number from 1 to 10';
  if (!Number.isInteger(t.handoffAfter) || t.handoffAfter < 1 || t.handoffAfter > t.window) return 'handoffAfter must be a whole number from 1 to window';
  if (!(t.valenceBelow >= -1 && t.valenceBelow <= 1)) return 'valenceBelow must be between -1 and 1';
  return undefined;
}
