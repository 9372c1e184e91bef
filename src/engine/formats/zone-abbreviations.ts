// What the zone abbreviations a text file's lines carry tell (for the text
// runner): the offset each stands for, which ambiguous ones were read and in
// which sense, for the file's notices. An abbreviation naming several zones
// is read in its most common sense (zone-names.ts) unless the line says
// otherwise: CST beside a weekday written in Chinese (systemctl status in a
// zh_CN locale) is China Standard Time, not US Central.

import { AMBIGUOUS_ZONES, ZONE_OFFSETS } from '../model/zone-names.ts';

/** Han characters: a weekday in a Chinese locale ("日", "四"). */
const HAN = /[\u4e00-\u9fff]/;
const CHINA_OFFSET = 480;

export class ZoneAbbreviations {
  private readonly ambiguous = new Set<string>();
  private chinaCst = false;
  /** What the last read moves its time by (ms to subtract from a time read at the abbreviation's usual offset). */
  correctionMs = 0;

  /**
   * The zone abbreviation `name` was read on a line whose weekday word (when
   * its pattern has one) is `weekday`: its offset in minutes east of UTC
   * (NaN when unknown), with `correctionMs` set for the sense taken.
   */
  read(name: string, weekday: string | undefined): number {
    this.correctionMs = 0;
    if (name === 'CST' && weekday !== undefined && HAN.test(weekday)) {
      this.correctionMs = (CHINA_OFFSET - ZONE_OFFSETS.CST) * 60000;
      this.chinaCst = true;
      return CHINA_OFFSET;
    }
    if (Object.prototype.hasOwnProperty.call(AMBIGUOUS_ZONES, name)) this.ambiguous.add(name);
    return Object.prototype.hasOwnProperty.call(ZONE_OFFSETS, name) ? ZONE_OFFSETS[name] : NaN;
  }

  /** The file's notices about the abbreviations read. */
  notices(): string[] {
    const out: string[] = [];
    for (const z of this.ambiguous) out.push(`the zone abbreviation ${z} names several zones; read as ${AMBIGUOUS_ZONES[z]}`);
    if (this.chinaCst) out.push('the zone abbreviation CST was read as China +08:00: the weekday beside it is written in Chinese');
    return out;
  }
}
