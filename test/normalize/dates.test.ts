import { describe, it, expect } from 'vitest';
import { dayDuring, findPeriod, parsePeriod, parseWarekiDate } from '../../src/normalize/dates.js';

describe('parseWarekiDate', () => {
  it.each([
    ['平成30年6月7日', '2018-06-07', '平成'],
    ['令和元年5月1日', '2019-05-01', '令和'],
    ['令和1年5月1日', '2019-05-01', '令和'],
    ['平成元年1月8日', '1989-01-08', '平成'],
    ['大正元年7月30日', '1912-07-30', '大正'],
    ['昭和64年1月7日', '1989-01-07', '昭和'],
    ['平成31年4月30日', '2019-04-30', '平成'],
    ['令和５年１１月１７日', '2023-11-17', '令和'],
    ['令和 5年 11月 7日', '2023-11-07', '令和'],
    ['令和5年 9月 1日', '2023-09-01', '令和'],
    ['令和\u30005年\u30009月\u30001日', '2023-09-01', '令和'],
    ['令和 元 年 5月 1日', '2019-05-01', '令和'],
    ['令和6年9月20日(金)', '2024-09-20', '令和'],
    ['令和6年9月20日(金曜)', '2024-09-20', '令和'],
    ['令和6年9月20日(金曜日)', '2024-09-20', '令和'],
    ['令和6年10月21日（月）', '2024-10-21', '令和'],
    ['令和6年10月21日 （ 月 ）', '2024-10-21', '令和'],
    ['平成12年2月29日', '2000-02-29', '平成'],
    ['令和6年2月29日', '2024-02-29', '令和'],
    ['2024年9月20日', '2024-09-20', null],
    ['２０２４年９月２０日', '2024-09-20', null],
    ['1900年2月28日', '1900-02-28', null],
  ])('%s -> %s', (text, iso, era) => {
    const result = parseWarekiDate(text);
    expect(result).toMatchObject({ ok: true, date: { iso, era } });
  });

  it('returns the Gregorian year and numeric parts', () => {
    expect(parseWarekiDate('令和元年5月21日')).toEqual({
      ok: true,
      date: { iso: '2019-05-21', era: '令和', year: 2019, month: 5, day: 21, weekdayMismatch: null },
    });
  });

  const reiwa5 = { era: '令和', eraYear: 5, gregorianYear: 2023 };
  it.each([
    ['同年12月18日', reiwa5, '2023-12-18', '令和'],
    ['12月18日', reiwa5, '2023-12-18', '令和'],
    ['7月11日(火)', reiwa5, '2023-07-11', '令和'],
    ['令和6年1月15日', reiwa5, '2024-01-15', '令和'],
    ['同年10月21日', { era: null, eraYear: 2024, gregorianYear: 2024 }, '2024-10-21', null],
  ])('%s in context %o -> %s', (text, context, iso, era) => {
    expect(parseWarekiDate(text, context)).toMatchObject({ ok: true, date: { iso, era } });
  });

  it.each([
    ['平成30年2月30日', /^Unexpected 平成30年2月30日, expected a real calendar date/],
    ['令和5年2月29日', /expected a real calendar date \(2023-02 has 28 days\)/],
    ['1900年2月29日', /expected a real calendar date/],
    ['2100年2月29日', /expected a real calendar date/],
    ['令和5年4月31日', /expected a real calendar date/],
    ['令和5年1月0日', /expected a real calendar date/],
    ['令和5年13月1日', /^Unexpected 13月 in 令和5年13月1日, expected a month from 1 to 12/],
    ['令和5年0月1日', /expected a month from 1 to 12/],
    ['平成31年5月1日', /^Unexpected 平成31年5月1日 \(2019-05-01\), expected a date within 平成 \(1989-01-08 to 2019-04-30\)/],
    ['令和1年4月30日', /expected a date within 令和 \(from 2019-05-01\)/],
    ['令和元年4月30日', /expected a date within 令和/],
    ['平成元年1月7日', /expected a date within 平成/],
    ['昭和64年1月8日', /expected a date within 昭和/],
    ['大正元年7月29日', /expected a date within 大正/],
    ['令和0年5月1日', /^Unexpected 令和0年 in 令和0年5月1日, expected a year of 1 or more/],
    ['0000年1月1日', /expected a year of 1 or more/],
    ['令和99999年1月1日', /expected a year before 10000/],
    ['同年12月18日', /^Unexpected 同年 in 同年12月18日, expected a preceding date/],
    ['12月18日', /^Unexpected 12月18日 without a year/],
    ['同月21日', /^Unexpected 同月21日 without a year/],
    ['明治45年7月29日', /expected a date such as/],
    ['平成30年6月', /expected a date such as/],
    ['平成30年6月7日～', /expected a date such as/],
    ['', /^Unexpected empty text/],
  ])('rejects %s', (text, message) => {
    const result = parseWarekiDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('cannot resolve 同月 from a context without a month', () => {
    expect(parseWarekiDate('同月21日', reiwa5)).toMatchObject({ ok: false, message: expect.stringMatching(/同月/) });
  });
});

describe('dayDuring (a 受付日 in the consultation period)', () => {
  const period = { start: '2023-12-01', end: '2024-01-31' };
  it.each([
    ['12月20日', '2023-12-20'],
    ['1月5日(金)', '2024-01-05'],
    [' 令和6年1月31日 ', '2024-01-31'],
    ['2023年11月30日', '2023-11-30'],
    ['2024/1/5', '2024-01-05'],
    ['Ｒ６．１．５', '2024-01-05'],
    ['12/20', '2023-12-20'],
    ['1/5', '2024-01-05'],
    ['1月5日 10:30', '2024-01-05'],
    ['1月5日17時', '2024-01-05'],
    ['2024/1/5 午後5時30分', '2024-01-05'],
    ['郵送', null],
    ['2月30日', null],
    ['1月5日 郵送', null],
    ['1/5/7', null],
  ])('%s -> %s', (raw, iso) => {
    expect(dayDuring(raw, period)?.iso ?? null).toBe(iso);
  });
  it('takes the year of a period within one year, and reads no yearless day without a period', () => {
    expect(dayDuring('4月1日', { start: '2024-03-01', end: '2024-04-30' })?.iso).toBe('2024-04-01');
    expect(dayDuring('4月1日', null)).toBeNull();
    expect(dayDuring('令和6年4月1日', null)?.iso).toBe('2024-04-01');
  });
  it('keeps a day whose printed weekday is not its own, with a note, and none for its own weekday', () => {
    expect(dayDuring('1月5日(金)', period)).toEqual({ iso: '2024-01-05', weekdayMismatch: null });
    expect(dayDuring('1月5日(月)', period)).toEqual({ iso: '2024-01-05', weekdayMismatch: 'Unexpected (月) in 1月5日(月), expected (金): 2024-01-05 is a 金曜日; the date is kept' });
    expect(dayDuring('2024/1/8(金)', period)?.weekdayMismatch).toContain('expected (月)');
  });
});

describe('parsePeriod', () => {
  it.each([
    ['平成30年6月7日～平成30年7月6日', '2018-06-07', '2018-07-06'],
    ['平成31年4月22日～令和元年5月21日', '2019-04-22', '2019-05-21'],
    ['令和6年9月20日(金曜)から同年10月21日(月曜)', '2024-09-20', '2024-10-21'],
    ['令和4年6月10日(金)から7月11日(月)', '2022-06-10', '2022-07-11'],
    ['令和4年6月10日(金)から7月11日(月)まで', '2022-06-10', '2022-07-11'],
    ['令和5年11月17日～同年12月18日', '2023-11-17', '2023-12-18'],
    ['令和5年12月22日～令和6年1月15日', '2023-12-22', '2024-01-15'],
    ['令和５年１１月１７日～令和５年１２月１８日', '2023-11-17', '2023-12-18'],
    ['令和 5年 11月 7日 ～ 令和 5年 12月 7日', '2023-11-07', '2023-12-07'],
    ['令和5年11月1日～同月21日', '2023-11-01', '2023-11-21'],
    ['令和5年11月1日〜11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日~11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日－11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日-11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日ー11月30日', '2023-11-01', '2023-11-30'],
    // U+223C (S17's ∼), an en dash and an em dash, as converters map the wave dash.
    ['令和5年11月1日∼11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日–11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日 — 11月30日', '2023-11-01', '2023-11-30'],
    ['令和5年11月1日（水）～11月30日（木）', '2023-11-01', '2023-11-30'],
    ['2024年9月20日～同年10月21日', '2024-09-20', '2024-10-21'],
    ['2024年9月20日から2024年10月21日まで', '2024-09-20', '2024-10-21'],
    ['令和5年11月1日～11月1日', '2023-11-01', '2023-11-01'],
    // The era dropped on the end date (S25, FORMATS.md hard case 15).
    ['平成21年12月21日〜22年1月20日', '2009-12-21', '2010-01-20'],
    // The end date as its day alone (S21).
    ['令和5年7月11日から22日まで', '2023-07-11', '2023-07-22'],
    // An end without a year before the start's month is in the next year (hard case 15: carry the year forward).
    ['令和5年12月22日～1月15日', '2023-12-22', '2024-01-15'],
    ['令和5年12月22日(金)から1月15日(月)まで', '2023-12-22', '2024-01-15'],
    ['平成30年12月25日～1月25日', '2018-12-25', '2019-01-25'],
    // Dates in figures, as municipal notices print them.
    ['R6.4.1～R6.4.30', '2024-04-01', '2024-04-30'],
    ['R6.4.1(月)～4.30(火)', '2024-04-01', '2024-04-30'],
    ['令和6.12.1～令和7.1.5', '2024-12-01', '2025-01-05'],
    ['H30.6.7-H30.7.6', '2018-06-07', '2018-07-06'],
    ['Ｒ６．４．１～Ｒ６．４．３０', '2024-04-01', '2024-04-30'],
    ['2024/4/1～2024/4/30', '2024-04-01', '2024-04-30'],
    ['2024.12.1～1.5', '2024-12-01', '2025-01-05'],
    // A time of day after a date, as the period was announced (it stays in raw only).
    ['令和6年4月1日(月)0時～4月30日(火)23時59分', '2024-04-01', '2024-04-30'],
    ['令和6年4月1日(月)0:00～4月30日(火)23:59', '2024-04-01', '2024-04-30'],
    ['令和6年4月1日から令和6年4月30日午後5時まで', '2024-04-01', '2024-04-30'],
    ['R6.4.1～R6.4.30 17：00', '2024-04-01', '2024-04-30'],
  ])('%s -> %s/%s', (raw, start, end) => {
    expect(parsePeriod(raw)).toEqual({ ok: true, start, end, raw, notes: [] });
  });

  it.each([
    ['平成30年2月30日～平成30年3月5日', /^Unexpected 平成30年2月30日, expected a real calendar date/],
    ['平成30年2月1日～平成30年2月30日', /^Unexpected 平成30年2月30日, expected a real calendar date/],
    ['平成31年4月22日～5月21日', /expected a date within 平成/],
    ['平成31年4月22日～同年5月21日', /expected a date within 平成/],
    ['令和5年11月17日～令和5年11月16日', /expected a date on or after the start/],
    // A year printed on the end is kept, even before the start.
    ['令和5年12月22日～令和5年1月15日', /^Unexpected end 令和5年1月15日 \(2023-01-15\), expected a date on or after the start 2023-12-22/],
    ['R6.2.30～R6.3.5', /^Unexpected R6.2.30, expected a real calendar date/],
    ['R1.4.1～R1.4.30', /expected a date within 令和/],
    ['令和5年11月17日', /^Unexpected end of text after 令和5年11月17日, expected ～ or から and an end date/],
    ['令和5年11月17日～', /^Unexpected end of text after ～, expected an end date/],
    ['令和5年11月17日～令和5年12月', /expected an end date/],
    ['同年11月17日～同年12月18日', /expected a period starting with a date/],
    ['11月17日～12月18日', /expected a period starting with a date/],
    ['2009年12月21日〜10年1月20日', /^Unexpected 10年1月20日 without an era/],
    ['平成31年4月22日～32年5月21日', /expected a date within 平成/],
    ['令和5年11月17日～同年12月18日 締切', /^Unexpected  締切 after the end date/],
  ])('rejects %s', (raw, message) => {
    const result = parsePeriod(raw);
    expect(result).toMatchObject({ ok: false, raw });
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('findPeriod', () => {
  it.each([
    ['(意見募集期間:平成30年6月7日～平成30年7月6日)', '平成30年6月7日～平成30年7月6日', 8, '2018-06-07', '2018-07-06'],
    ['意見募集期間 令和5年11月17日～同年12月18日', '令和5年11月17日～同年12月18日', 7, '2023-11-17', '2023-12-18'],
    ['意見募集期間：令和4年6月10日(金)から7月11日(月)まで', '令和4年6月10日(金)から7月11日(月)', 7, '2022-06-10', '2022-07-11'],
    ['令和6年9月20日(金曜)から同年10月21日(月曜)までの間', '令和6年9月20日(金曜)から同年10月21日(月曜)', 0, '2024-09-20', '2024-10-21'],
    ['（意見募集期間：令和５年１１月１７日～令和５年１２月１８日）', '令和５年１１月１７日～令和５年１２月１８日', 8, '2023-11-17', '2023-12-18'],
    // A lone date or a bare 年度 before the period is skipped; the first period wins.
    ['令和5年3月31日公示。平成30年度の意見募集 令和5年4月1日～4月30日、令和5年6月1日～6月30日', '令和5年4月1日～4月30日', 24, '2023-04-01', '2023-04-30'],
    // A deadline's time is part of the period as printed; a number after the end date that is no time is not.
    ['意見募集期間：令和6年4月1日から令和6年4月30日(火)17時まで', '令和6年4月1日から令和6年4月30日(火)17時', 7, '2024-04-01', '2024-04-30'],
    ['1 意見募集期間 令和6年4月1日～4月30日 2 提出意見数 3件', '令和6年4月1日～4月30日', 9, '2024-04-01', '2024-04-30'],
  ])('%s', (text, raw, index, start, end) => {
    const result = findPeriod(text);
    expect(result).toEqual({ ok: true, start, end, raw, index, notes: [] });
    expect(text.slice(index, index + raw.length)).toBe(raw);
  });

  it.each([
    ['意見募集の結果について'],
    ['平成30年度 意見募集'],
    // Figures that are no date in figures: a version, a decimal, a date without a year.
    ['ver2.4.1～2.4.3'],
    ['2.5.1～3.5'],
    ['4/1～4/30'],
    ['6月7日～7月6日'],
    [''],
  ])('returns null when %j holds no date', (text) => {
    expect(findPeriod(text)).toBeNull();
  });

  it.each([
    ['(意見募集期間:平成30年2月30日～平成30年7月6日)', '平成30年2月30日～平成30年7月6日', 8, /expected a real calendar date/],
    ['公示日 令和5年3月31日', '令和5年3月31日', 4, /expected ～ or から and an end date/],
    ['期間 平成31年4月22日～令和元年4月30日', '平成31年4月22日～令和元年4月30日', 3, /expected a date within 令和/],
    // 12024年 is no 4-digit year, so the only date is the end date, which opens no period.
    ['西暦12024年9月20日～2024年10月21日', '2024年10月21日', 14, /expected ～ or から/],
  ])('reports %s', (text, raw, index, message) => {
    const result = findPeriod(text);
    expect(result).toMatchObject({ ok: false, raw, index });
    if (result && !result.ok) expect(result.message).toMatch(message);
  });
});

describe('parseWarekiDate against Intl (ja-JP-u-ca-japanese)', () => {
  const DAY = 86_400_000;
  const japanese = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const weekdayFormat = new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: 'UTC' });
  const parts = (time: number) => {
    const get = (type: Intl.DateTimeFormatPartTypes) => japanese.formatToParts(time).find((p) => p.type === type)?.value ?? '';
    return { era: get('era'), year: Number(get('year')), month: get('month'), day: get('day') };
  };
  const isoOf = (time: number) => new Date(time).toISOString().slice(0, 10);

  // [era, first day, last day]: the boundaries the parser's table must agree with.
  const eras = [
    ['大正', '1912-07-30', '1926-12-24'],
    ['昭和', '1926-12-25', '1989-01-07'],
    ['平成', '1989-01-08', '2019-04-30'],
    ['令和', '2019-05-01', null],
  ] as const;

  const samples: number[] = [];
  for (let t = Date.UTC(1912, 6, 30); t <= Date.UTC(2035, 11, 31); t += 37 * DAY) samples.push(t);
  for (const [, first, last] of eras) {
    samples.push(Date.parse(first));
    if (last !== null) samples.push(Date.parse(last));
  }

  it('Intl agrees with the era table at every boundary', () => {
    for (const [era, first, last] of eras) {
      expect(parts(Date.parse(first))).toMatchObject({ era, year: 1 });
      expect(parts(Date.parse(first) - DAY).era).not.toBe(era);
      if (last !== null) {
        expect(parts(Date.parse(last)).era).toBe(era);
        expect(parts(Date.parse(last) + DAY).era).not.toBe(era);
      }
    }
  });

  it(`parses ${samples.length} sampled days back to the same ISO date, with 元年 and the weekday`, () => {
    for (const time of samples) {
      const { era, year, month, day } = parts(time);
      const iso = isoOf(time);
      const weekday = weekdayFormat.format(time);
      const spellings = [`${era}${year}年${month}月${day}日`, `${era}${year}年${month}月${day}日(${weekday})`];
      if (year === 1) spellings.push(`${era}元年${month}月${day}日`);
      for (const text of spellings) {
        expect(parseWarekiDate(text), text).toMatchObject({ ok: true, date: { iso, era } });
      }
    }
  });

  it('rejects the day before each era start written in the new era, and the day after its end in the old era', () => {
    for (const [era, first, last] of eras) {
      const before = parts(Date.parse(first) - DAY);
      for (const text of [`${era}元年${before.month}月${before.day}日`, `${era}1年${before.month}月${before.day}日`]) {
        expect(parseWarekiDate(text), text).toMatchObject({ ok: false });
      }
      if (last !== null) {
        const { year } = parts(Date.parse(last));
        const after = parts(Date.parse(last) + DAY);
        const text = `${era}${year}年${after.month}月${after.day}日`;
        expect(parseWarekiDate(text), text).toMatchObject({ ok: false });
      }
    }
  });
});

describe('a weekday that contradicts its date', () => {
  it('keeps the date and notes the mismatch (real notices print them: 同年2月9日(土) for a Wednesday)', () => {
    const date = parseWarekiDate('令和6年9月20日(木)');
    expect(date).toMatchObject({ ok: true, date: { iso: '2024-09-20' } });
    expect(date.ok && date.date.weekdayMismatch).toMatch(/^Unexpected \(木\) in 令和6年9月20日\(木\), expected \(金\)/);
    const period = parsePeriod('平成23年2月9日(土)から同年3月4日(金)');
    expect(period).toMatchObject({ ok: true, start: '2011-02-09', end: '2011-03-04' });
    expect(period.ok && period.notes).toEqual([expect.stringMatching(/^Unexpected \(土\) in 平成23年2月9日\(土\), expected \(水\)/)]);
    expect(parsePeriod('令和6年9月20日(金曜)から同年10月21日(月曜)')).toMatchObject({ ok: true, notes: [] });
  });
});
