/**
 * The card model of a mention on the page: its entity from the entity's pack, why the words were
 * highlighted, and the other entities the same words stand for in other installed packs.
 */
import { cardModel, entityInfo, writtenAlias, type CardAlternative, type CardModel, type Pack } from '../../core';
import type { MentionRef } from '../mention-ref';
import type { PageMentions } from '../page-mentions';

/** Loads a pack's full text (the card's facts are not in the index). */
export type LoadPack = (packId: string) => Promise<Pack>;

/**
 * The model of `mention`'s card, or null where its entity is gone from its pack or the request went
 * `stale` (a newer card was asked for) while a pack was loading: nothing more is loaded for it then.
 */
export async function mentionCardModel(page: PageMentions, loadPack: LoadPack, mention: MentionRef, stale: () => boolean): Promise<CardModel | null> {
  const info = page.entity(mention);
  const pack = await loadPack(info.packId);
  if (stale()) return null;
  const entity = pack.entities.find((e) => e.id === info.id);
  if (!entity) return null;
  const why = { text: mention.block.text.slice(mention.match.start, mention.match.end), alias: writtenAlias(page.index, mention.match.alias, entity) };
  const alternatives = await alternativesOf(page, loadPack, mention);
  if (stale()) return null;
  return cardModel(pack, entity, { why, alternatives });
}

/**
 * The other entities the mention's words stand for: where two installed packs share a name, the
 * card shows the one the page's context chose and offers the others. Their packs' titles come
 * from the packs (already read for any pack whose card was open before); a pack that fails to load
 * is left out.
 */
async function alternativesOf(page: PageMentions, loadPack: LoadPack, mention: MentionRef): Promise<CardAlternative[]> {
  const index = page.index;
  const others = [...new Set((mention.match.alternatives ?? []).map((a) => index.aliasEntity[a]!))].filter((e) => e !== mention.match.entity);
  const out: CardAlternative[] = [];
  for (const e of others) {
    const info = entityInfo(index, e);
    const pack = await loadPack(info.packId).catch(() => null);
    if (pack) out.push({ key: info.key, name: info.name, type: info.type, packTitle: pack.title, language: pack.language });
  }
  return out;
}
