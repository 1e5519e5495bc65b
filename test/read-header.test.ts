/** The title block: counts in their many printed forms, periods of both rounds, the title and its subject. */
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import type { TitleLine } from '../src/stages/assemble-rows.js';
import { readHeader } from '../src/stages/read-header.js';

const lines = (...texts: string[]): TitleLine[] => texts.map((text, index) => ({ line: index + 1, text, cells: null, isMainHeading: false }));

describe('counts', () => {
  it.each([
    ['提出意見数:6者 ※提出意見数は、意見提出者数としています。', 6, '者'],
    ['意見提出件数:5件 再意見提出件数:3件', 5, '件'],
    ['令和6年9月20日(金曜)から同年10月21日(月曜)にかけて意見募集を行った標記の改正案について、9の個人及び団体から延べ23件のコメントの提出がありました。', 9, null],
    ['意見提出者数:13(団体、個人)', 13, null],
    ['意見提出者数 601通', 601, '通'],
    ['合計 11件', 11, '件'],
    ['提出意見数：１２者', 12, '者'],
    ['209 の個人又は団体から延べ 1,043 件の御意見をいただきました。', 209, null],
    ['総数 219通 (うち、団体:22通 個人:197通)', 219, '通'],
    ['計4者 (14 件)', 4, '者'],
    ['令和6年3月1日から同年3月30日までの間、意見公募手続を実施したところ、2件の意見が提出されました。', 2, '件'],
    ['15件の御意見をいただきました。', 15, '件'],
    ['提出意見数:4,200件', 4200, '件'],
    ['提出意見数：１，０４３件', 1043, '件'],
    ['1,209 の個人又は団体から御意見をいただきました。', 1209, null],
    ['総数 12,345通', 12345, '通'],
    ['2,100件の意見が提出されました。', 2100, '件'],
    ['提出意見数：2万4,938件', 24938, '件'],
    ['提出意見数：計２万１，１０１件', 21101, '件'],
    ['意見提出数 3万件', 30000, '件'],
    ['意見提出者数：延べ1,043名', 1043, '名'],
    ['合 計 1,764通', 1764, '通'],
    ['提出意見数 63件(14人)', 14, '人'],
    // The people named inside the parentheses after the opinions.
    ['意見数 12件(提出者数 8名)', 8, '名'],
    ['意見数 12件（意見提出者数：8）', 8, null],
    ['意見提出者数：5人(うち団体2、個人3)', 5, '人'],
    ['２．意見総数　３２件（個人２８件、団体４件）', 32, '件'],
    ['御意見の総数　1,234件', 1234, '件'],
    ['総意見数 5件（3者）', 3, '者'],
    ['意見件数：12件', 12, '件'],
    ['意見提出者：５者', 5, '者'],
    ['提出者：5名', 5, '名'],
  ])('%s -> %d %s', (text, count, unit) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect(header.submitterCount).toMatchObject({ count, unit });
  });

  it.each([
    ['団体 75 件 事業者 6件 弁護士 28 件 学者 2件 個人 12 件', [['団体', 75, '件'], ['事業者', 6, '件'], ['弁護士', 28, '件'], ['学者', 2, '件'], ['個人', 12, '件']]],
    ['総数 219通 (うち、団体:22通 個人:197通)', [['団体', 22, '通'], ['個人', 197, '通']]],
    ['総数 4,219通 (うち、団体:1,022通 個人:3,197通)', [['団体', 1022, '通'], ['個人', 3197, '通']]],
    ['２　提出意見数　１，２０４件（団体：４件、個人：１，２００件）', [['団体', 4, '件'], ['個人', 1200, '件']]],
    // Parts printed without their unit take the total's.
    ['意見提出者数　5名（団体2、個人3）', [['団体', 2, '名'], ['個人', 3, '名']]],
    ['意見提出者数：5人(うち団体2、個人3)', [['団体', 2, '人'], ['個人', 3, '人']]],
    ['提出意見数 12件（個人10・団体2）', [['個人', 10, '件'], ['団体', 2, '件']]],
    ['提出意見数：6者（法人:3、個人:3）', [['法人', 3, '者'], ['個人', 3, '者']]],
    // An item number without a space after its dot.
    ['２．意見総数　３２件（個人２８件、団体４件）', [['個人', 28, '件'], ['団体', 4, '件']]],
    ['2.意見提出者数 12者（法人8者、個人4者）', [['法人', 8, '者'], ['個人', 4, '者']]],
    ['意見提出者数：4者（うち団体3者、個人1者）', [['団体', 3, '者'], ['個人', 1, '者']]],
  ])('reads the counts by type printed in one line: %s', (text, expected) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect(header.breakdown.map(({ label, count, unit }) => [label, count, unit])).toEqual(expected);
  });

  it.each([
    ['9の個人及び団体から延べ23件のコメントの提出がありました。', 23],
    ['27の個人・団体から計69件のご意見をいただきました。', 69],
    ['209 の個人又は団体から延べ 1,043 件の御意見をいただきました。', 1043],
    ['提出意見数 63件(14人)', 63],
    ['意見数 12件（意見提出者数：8）', 12],
    ['2名の方から4件のご意見をいただきました。', 4],
    ['のべ意見数 1796件', 1796],
    ['整理された個別意見の延べ数 25,565件', 25565],
    // Counts of submitters alone, or of opinions by type, or in a sentence without a total of submitters.
    ['提出意見数:6者 ※提出意見数は、意見提出者数としています。', null],
    ['15件の御意見をいただきました。', null],
    ['提出意見数 12件（個人10・団体2）', null],
    ['２　提出意見数　１，２０４件（団体：４件、個人：１，２００件）', null],
    ['団体から5件、個人から12件の意見が提出されました。', null],
    ['意見提出者数：延べ1,043名', null],
  ])('reads the opinions a notice counts beside its submitters: %s -> %s', (text, count) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect(header.opinionCount?.count ?? null).toBe(count);
  });

  it('reads the opinions of a second line once the first has counted the submitters (S21: 意見提出者数 601通 / のべ意見数 1796件)', () => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', '意見提出者数 601通', 'のべ意見数 1796件'), new VFile());
    expect([header.submitterCount?.count, header.opinionCount?.count]).toEqual([601, 1796]);
    // Alone, it counts no submitters.
    for (const line of ['のべ意見数 1796件', '延べ 御意見数：1,796件']) {
      const alone = readHeader(lines('テスト案に対する意見募集の結果', line), new VFile());
      expect([alone.submitterCount, alone.opinionCount?.count]).toEqual([null, 1796]);
    }
  });

  it.each([
    ['意見提出者数:13(団体、個人)', '意見数:38'],
    ['１　意見提出者数　13名', '２　御意見の件数　38件'],
  ])('reads a line that counts the opinions alone, under one that counted the submitters, as the opinions (S21 R2): %s / %s', (submitters, opinions) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', submitters, opinions), new VFile());
    expect([header.submitterCount?.count, header.opinionCount?.count]).toEqual([13, 38]);
    // Alone, it counts no opinions beside submitters.
    expect(readHeader(lines('テスト案に対する意見募集の結果', opinions), new VFile()).opinionCount).toBeNull();
  });

  it('reads counts by type printed a type per line, a bulleted one under another as its part (S1), and the total below them (S21)', () => {
    const s1 = readHeader(lines('テスト案に対する意見募集の結果', '提出意見数 209 の個人又は団体から', '○団体・事業者:89 者', '・金融関係 19 者', '・その他 70 者', '○個人(匿名含む):120 者'), new VFile());
    expect(s1.submitterCount?.count).toBe(209);
    expect(s1.breakdown).toEqual([
      { label: '団体・事業者', count: 89, unit: '者', partOf: null },
      { label: '金融関係', count: 19, unit: '者', partOf: '団体・事業者' },
      { label: 'その他', count: 70, unit: '者', partOf: '団体・事業者' },
      { label: '個人(匿名含む)', count: 120, unit: '者', partOf: null },
    ]);
    const s21 = readHeader(lines('テスト案に対する意見募集の結果', '2 意見提出数', '・封書によるもの 1,649通', '・FAXによるもの 100通\n・電子メールによるもの 15通', '合 計 1,764通'), new VFile());
    expect(s21.breakdown.map(({ label, count, unit, partOf }) => [label, count, unit, partOf])).toEqual([
      ['封書によるもの', 1649, '通', null],
      ['FAXによるもの', 100, '通', null],
      ['電子メールによるもの', 15, '通', null],
    ]);
    expect([s21.submitterCount?.count, s21.submitterCount?.unit]).toEqual([1764, '通']);
  });

  it.each([
    [['意見提出者 5名', '個人 3名']],
    [['個人 3名']],
    [['・提出意見数 5件', '・再意見数 2件']],
  ])('reads no counts by type from a count of the consultation, or from one line alone: %j', (texts) => {
    expect(readHeader(lines('テスト案に対する意見募集の結果', ...texts), new VFile()).breakdown).toEqual([]);
  });

  it.each([
    [['合 計 1,764通', '整理された個別意見の延べ数 25,565件', 'うち本案件外のもの 24,851件'], 24851, 1764],
    [['提出意見数 2件', 'このほか、本案と関係のない御意見が1件ありました。'], 1, 2],
    [['提出意見数 10件(うち本案件外 2件)'], 2, 10],
    [['提出意見数 2件', '本案に関係する御意見は2件でした。'], null, 2],
  ])('reads the opinions counted as about something else (FORMATS.md hard case 14): %j', (texts, unrelated, submitters) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', ...texts), new VFile());
    expect([header.unrelatedOpinionCount?.count ?? null, header.submitterCount?.count]).toEqual([unrelated, submitters]);
  });

  it.each([
    ['再意見提出者：3者', null, 3],
    ['意見提出者一覧　計4者（14件）', null, null],
    ['意見提出者：株式会社テスト', null, null],
  ])('takes a 再意見 round\'s 提出者 for reSubmitterCount, and no count from a list\'s heading or a name: %s', (text, submitters, reSubmitters) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect([header.submitterCount?.count ?? null, header.reSubmitterCount?.count ?? null]).toEqual([submitters, reSubmitters]);
  });

  it('takes no total from a count of a type (意見提出数：3団体、5個人)', () => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', '意見提出数：3団体、5個人'), new VFile());
    expect(header.submitterCount).toBeNull();
  });

  it.each(['団体から5件、個人から12件の意見が提出されました。', '意見提出件数:5件 再意見提出件数:3件', '意見提出者数 5名(個人3名)'])('takes no sentence with counts, nor the totals of two rounds, nor one part alone, for counts by type: %s', (text) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect(header.breakdown).toEqual([]);
  });

  it('reads the e-Gov result cover: the subject from 定めた命令等の題名, the issuer before its bureau, and no period from a lone date', () => {
    const file = new VFile();
    const header = readHeader(
      lines('意見公募手続の結果について', '定めた命令等の題名 電波法施行規則の一部を改正する省令', '意見公募手続の実施日 令和6年2月1日', '意見提出期間 令和6年2月1日～令和6年3月1日', '提出意見数 3件', '総務省 総合通信基盤局'),
      file,
    );
    expect(header).toMatchObject({ subject: '電波法施行規則の一部を改正する省令', issuer: '総務省', period: { start: '2024-02-01', end: '2024-03-01' }, submitterCount: { count: 3, unit: '件' } });
    expect(file.messages).toEqual([]);
  });

  it.each([
    ['農林水産省消費・安全局', '農林水産省'],
    ['厚生労働省労働基準局安全衛生部', '厚生労働省'],
    ['経済産業省資源エネルギー庁', '経済産業省資源エネルギー庁'],
    ['消費者庁', '消費者庁'],
  ])('reads the issuer from a body printed before its bureaus without a space: %s', (text, issuer) => {
    expect(readHeader(lines('テスト案に対する意見募集の結果', text), new VFile()).issuer).toBe(issuer);
  });

  it('reads no issuer from a line that names a body among other words', () => {
    expect(readHeader(lines('テスト案に対する意見募集の結果', '問合せ先 農林水産省消費・安全局', '本件は農林水産省が所管'), new VFile()).issuer).toBeNull();
  });

  it('reads no count from digits grouped otherwise than in threes', () => {
    expect(readHeader(lines('テスト案に対する意見募集の結果', '意見提出者数 1,2345名'), new VFile()).submitterCount).toBeNull();
  });

  it('reads a table of counts by kind (区分 | 提出者数 | 意見件数): the kinds from the submitters column, the total from 合計, and reports none of its rows', () => {
    const row = (line: number, ...cells: string[]): TitleLine => ({ line, text: cells.join('\t'), cells, isMainHeading: false });
    const file = new VFile();
    const header = readHeader(
      [...lines('テスト案に対する意見募集の結果'), row(2, '区分', '提出者数', '意見件数'), row(3, '個人', '10人', '25件'), row(4, '団体', '3団体', '8件'), row(5, '合計', '13', '33件')],
      file,
    );
    expect(header.breakdown).toEqual([
      { label: '個人', count: 10, unit: '人', partOf: null },
      { label: '団体', count: 3, unit: '団体', partOf: null },
    ]);
    expect(header.submitterCount).toEqual({ count: 13, unit: null, line: 5 });
    expect(header.opinionCount).toEqual({ count: 33, unit: '件', line: 5 });
    expect(file.messages.map((m) => m.ruleId)).not.toContain('note-outside-table');
  });

  it('reads a table of counts by the way they were sent (提出方法 | 件数)', () => {
    const row = (line: number, ...cells: string[]): TitleLine => ({ line, text: cells.join('\t'), cells, isMainHeading: false });
    const header = readHeader([...lines('テスト案に対する意見募集の結果'), row(2, '提出方法', '件数'), row(3, '電子メール', '3件'), row(4, '郵送', '2件')], new VFile());
    expect(header.breakdown).toEqual([
      { label: '電子メール', count: 3, unit: '件', partOf: null },
      { label: '郵送', count: 2, unit: '件', partOf: null },
    ]);
    expect(header.opinionCount).toBeNull();
  });

  it('reads the re-consultation count apart', () => {
    const header = readHeader(lines('テスト案に対する意見及び再意見', '意見提出件数:5件 再意見提出件数:3件'), new VFile());
    expect([header.submitterCount?.count, header.reSubmitterCount?.count]).toEqual([5, 3]);
  });
});

describe('periods', () => {
  it('fills period and rePeriod from their own lines', () => {
    const header = readHeader(
      lines('テスト案に対する意見及び再意見', '(意見募集期間:令和5年11月17日～同年12月18日)', '(再意見募集期間:令和5年12月22日～令和6年1月15日)'),
      new VFile(),
    );
    expect(header.period).toEqual({ start: '2023-11-17', end: '2023-12-18', raw: '令和5年11月17日～同年12月18日' });
    expect(header.rePeriod).toEqual({ start: '2023-12-22', end: '2024-01-15', raw: '令和5年12月22日～令和6年1月15日' });
  });

  it('reports an impossible date as period-invalid with its position, not a rolled-over date', () => {
    const file = new VFile();
    const header = readHeader(lines('テスト案に対する意見', '(意見募集期間:平成30年2月1日～平成30年2月30日)'), file);
    expect(header.period).toBeNull();
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['period-invalid', 2, 9]]);
    expect(file.messages[0]?.reason).toContain('平成30年2月30日');
  });

  it.each([
    ['平成23年1月26日', '同年2月9日(土)から同年3月4日(金)まで意見募集を実施しました。', '2011-02-09', '2011-03-04'],
    ['平成13年6月1日', '意見募集は7月11日から22日までの間に行いました。', '2001-07-11', '2001-07-22'],
  ])('reads a period without a year in the year of the date printed before it: %s, %s', (date, text, start, end) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', date, text), new VFile());
    expect(header.period).toMatchObject({ start, end });
  });

  it('reads no period without a year when no date was printed before it, and says so', () => {
    const file = new VFile();
    const header = readHeader(lines('テスト案に対する意見募集の結果', '同年2月9日から同年3月4日まで意見募集を実施しました。'), file);
    expect(header.period).toBeNull();
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['period-year-missing', 2, 1]]);
    expect(readHeader(lines('テスト案に対する意見募集の結果', '同年2月9日から同年3月4日まで意見募集を実施しました。'), new VFile(), [], [], 2011).period).toMatchObject({ start: '2011-02-09', end: '2011-03-04' });
  });

  it('reads a letter-spaced period, keeping it as printed', () => {
    const header = readHeader(lines('テスト案に対する意見', '意見募集期間 平 成 2 8 年 9 月 2 7 日 ～ 平 成 2 8 年 1 0 月 2 6 日'), new VFile());
    expect(header.period).toEqual({ start: '2016-09-27', end: '2016-10-26', raw: '平 成 2 8 年 9 月 2 7 日 ～ 平 成 2 8 年 1 0 月 2 6 日' });
  });

  it.each([
    ['e-Gov case page', ['案の公示日 2024年12月01日', '意見・情報受付締切日 2025年01月06日']],
    ['start and end lines', ['意見募集開始日：令和6年12月1日', '意見募集終了日：令和7年1月6日']],
  ])('reads a period whose ends are printed on lines of their own (%s), keeping both lines as raw', (_, texts) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', ...texts), new VFile());
    expect(header.period).toEqual({ start: '2024-12-01', end: '2025-01-06', raw: texts.join(' / ') });
  });

  it('reads such ends from a cover table of labels and values', () => {
    const cells = (label: string, value: string): TitleLine => ({ line: 2, text: `${label}\t${value}`, cells: [label, value], isMainHeading: false });
    const file = new VFile();
    const header = readHeader([...lines('テスト案に対する意見募集の結果'), cells('案の公示日', '2024年12月01日'), cells('意見・情報受付締切日', '2025年01月06日')], file);
    expect(header.period).toMatchObject({ start: '2024-12-01', end: '2025-01-06' });
    expect(file.messages).toEqual([]);
  });

  it('reports an end line before its start, and takes no period from 結果の公示日', () => {
    const file = new VFile();
    expect(readHeader(lines('テスト案に対する意見募集の結果', '案の公示日 2024年12月01日', '意見・情報受付締切日 2024年01月06日'), file).period).toBeNull();
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['period-invalid', 3]]);
    expect(readHeader(lines('テスト案に対する意見募集の結果', '結果の公示日 2025年02月01日'), new VFile()).period).toBeNull();
  });

  it('reads the dates on the line below a line that only names the period', () => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', '1 意見募集期間', '令和6年12月1日から令和7年1月6日まで'), new VFile());
    expect(header.period).toMatchObject({ start: '2024-12-01', end: '2025-01-06', raw: '令和6年12月1日から令和7年1月6日' });
  });

  it('reports a missing period as info', () => {
    const file = new VFile();
    expect(readHeader(lines('テスト案に対する意見'), file).period).toBeNull();
    expect(file.messages.map((m) => [m.ruleId, m.fatal])).toEqual([['period-missing', undefined]]);
  });
});

describe('the date the result was published', () => {
  it.each([
    ['a date alone on a line (under the title, over the issuer)', ['令和４年９月３０日', '消費者庁'], { date: '2022-09-30', raw: '令和４年９月３０日' }],
    ['結果の公示日 of the e-Gov case page', ['案の公示日 2024年12月01日', '結果の公示日 2025年02月01日'], { date: '2025-02-01', raw: '2025年02月01日' }],
    ['no date of its own', ['意見募集期間:令和6年4月1日～令和6年4月30日', '案の公示日 2024年12月01日'], null],
  ])('%s', (_, texts, published) => {
    expect(readHeader(lines('テスト案に対する意見募集の結果', ...texts), new VFile()).published).toEqual(published);
  });
});

describe('several consultations in one notice (FORMATS.md hard case 16)', () => {
  const s22 = [
    '「景品表示法施行規則の一部を改正する内閣府令(案)」等に関する意見募集の結果について',
    '1 意見募集の概要',
    '(1)不当景品類及び不当表示防止法施行規則の一部を改正する内閣府令(案)',
    '意見募集期間:平成27年11月25日(水)から12月24日(木)まで',
    '提出意見数:12件',
    '(2)不当景品類及び不当表示防止法第8条に関する考え方(案)',
    '意見募集期間:平成27年12月1日(火)から同月28日(月)まで',
    '提出意見数:123件',
  ];

  it('reads each numbered draft with the period and count below it; the notice keeps the first', () => {
    const header = readHeader(lines(...s22), new VFile());
    expect(header.consultations).toEqual([
      { label: '(1)', subject: '不当景品類及び不当表示防止法施行規則の一部を改正する内閣府令(案)', period: { start: '2015-11-25', end: '2015-12-24', raw: '平成27年11月25日(水)から12月24日(木)' }, submitterCount: 12, submitterCountUnit: '件', submitterBreakdown: [], draftChanges: null, line: 3 },
      { label: '(2)', subject: '不当景品類及び不当表示防止法第8条に関する考え方(案)', period: { start: '2015-12-01', end: '2015-12-28', raw: '平成27年12月1日(火)から同月28日(月)' }, submitterCount: 123, submitterCountUnit: '件', submitterBreakdown: [], draftChanges: null, line: 6 },
    ]);
    expect([header.period?.start, header.submitterCount?.count]).toEqual(['2015-11-25', 12]);
  });

  it('gives each its counts by type and what the lines below it say of its draft (S22: イ 提出意見数 … ウ 原案からの変更点 別添2のとおり。)', () => {
    const header = readHeader(
      lines(
        s22[0] ?? '',
        '(1)不当景品類及び不当表示防止法施行規則の一部を改正する内閣府令(案)',
        'ア 意見募集期間 平成27年11月25日(水)から12月24日(木)まで',
        'イ 提出意見数 12件(団体 5件 事業者 2件 個人 5件)',
        'ウ 原案からの変更点 別添2のとおり。',
        '(2)不当景品類及び不当表示防止法第8条に関する考え方(案)',
        'ア 意見募集期間 平成27年11月25日(水)から12月24日(木)まで',
        'イ 提出意見数 123件(団体 75 件 事業者 6件 弁護士 28 件 学者 2件 個人 12 件)',
        'ウ 原案からの変更点 別添4のとおり。',
      ),
      new VFile(),
    );
    expect(header.consultations.map((c) => [c.label, c.submitterCount, c.submitterBreakdown.map((part) => `${part.label} ${part.count}${part.unit}`), c.draftChanges?.annex])).toEqual([
      ['(1)', 12, ['団体 5件', '事業者 2件', '個人 5件'], '別添2'],
      ['(2)', 123, ['団体 75件', '事業者 6件', '弁護士 28件', '学者 2件', '個人 12件'], '別添4'],
    ]);
    expect(header.consultations[1]?.draftChanges?.statements).toEqual([{ text: 'ウ 原案からの変更点 別添4のとおり。', line: 9 }]);
    // The notice's own breakdown is the first consultation's.
    expect(header.breakdown.map((part) => part.label)).toEqual(['団体', '事業者', '個人']);
  });

  it('lists none for one consultation, nor for numbered drafts that state no period or count of their own', () => {
    expect(readHeader(lines(...s22.slice(0, 5)), new VFile()).consultations).toEqual([]);
    expect(readHeader(lines('テスト案に対する意見募集の結果', '意見募集期間:令和6年4月1日～令和6年4月30日', '(1)テスト規則(案)', '(2)テスト指針(案)'), new VFile()).consultations).toEqual([]);
  });
});

describe('glossary (凡例)', () => {
  const row = (line: number, ...cells: string[]): TitleLine => ({ line, text: cells.join('\t'), cells, isMainHeading: false });

  it('reads a table of 略称 and 正式名称 in either order, up to a row of another width', () => {
    const file = new VFile();
    const header = readHeader([...lines('テスト案に対する意見募集の結果'), row(2, '略称', '正式名称'), row(3, '金商法', '金融商品取引法'), row(4, '出典', '別添', '参照')], file);
    expect(header.glossary).toEqual([{ term: '金商法', meaning: '金融商品取引法', line: 3 }]);
    expect(file.messages.map((m) => [m.ruleId, m.line])).toContainEqual(['note-outside-table', 4]);
  });

  it('reads a legend mark on a line of its own (S10), but no numbered line or note', () => {
    const header = readHeader(
      lines('テスト案に対する意見募集の結果', '(−)は、約款の解釈に対する質問事項等であり、NTTの回答で十分であると考えた事項。', '(1)は、第1章に対する意見', '(注)：本資料の略称は次のとおり。'),
      new VFile(),
    );
    expect(header.glossary).toEqual([{ term: '(−)', meaning: '約款の解釈に対する質問事項等であり、NTTの回答で十分であると考えた事項。', line: 2 }]);
  });

  it.each([
    ['【対応区分】 A：意見を反映し、案を修正したもの　B：既に案に盛り込まれているもの　C：今後の参考とするもの'],
    ['※対応区分 A…意見を反映し、案を修正したもの、B…既に案に盛り込まれているもの、C…今後の参考とするもの'],
    ['（A：意見を反映し、案を修正したもの　B：既に案に盛り込まれているもの　C：今後の参考とするもの）'],
  ])('reads several code legends printed on one line: %s', (text) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect(header.glossary.map(({ term, meaning }) => [term, meaning])).toEqual([
      ['A', '意見を反映し、案を修正したもの'],
      ['B', '既に案に盛り込まれているもの'],
      ['C', '今後の参考とするもの'],
    ]);
  });

  it.each(['意見募集期間：令和6年4月1日～令和6年4月30日', '御意見は、A案とB案を比較して次のとおり整理した。A：費用、B：期間', '担当 A：企画課'])('reads no legends from a line of another kind: %s', (text) => {
    const header = readHeader(lines('テスト案に対する意見募集の結果', text), new VFile());
    expect(header.glossary).toEqual([]);
  });
});

describe('notes', () => {
  it('keeps a line that opens with ※, 注:, (注1) or ＊, and the tail of a line from a ※ after a space, as printed', () => {
    const header = readHeader(
      lines(
        'テスト案に対する意見募集の結果',
        '提出意見数:6者 ※提出意見数は、意見提出者数としています。',
        '※ 同趣旨の御意見は適宜集約しています。',
        '注:以下で用いる用語は、規則の例によります。',
        '（注1）御意見は原文のまま掲載しています。',
        '＊は再掲を示します。',
        '御意見の概要※1 は要約です。',
      ),
      new VFile(),
    );
    expect(header.notes).toEqual([
      { text: '※提出意見数は、意見提出者数としています。', line: 2 },
      { text: '※ 同趣旨の御意見は適宜集約しています。', line: 3 },
      { text: '注:以下で用いる用語は、規則の例によります。', line: 4 },
      { text: '（注1）御意見は原文のまま掲載しています。', line: 5 },
      { text: '＊は再掲を示します。', line: 6 },
    ]);
    expect(header.submitterCount).toMatchObject({ count: 6 });
  });

  it('keeps a legend line in the glossary, not among the notes, and adds the notes printed after the tables', () => {
    const legend = '※対応区分 A…意見を反映し、案を修正したもの、B…既に案に盛り込まれているもの、C…今後の参考とするもの';
    const header = readHeader(lines('テスト案に対する意見募集の結果', legend), new VFile(), [], lines('※御意見は要約しています。'));
    expect(header.glossary.map(({ term }) => term)).toEqual(['A', 'B', 'C']);
    expect(header.notes).toEqual([{ text: '※御意見は要約しています。', line: 1 }]);
  });
});

describe('title', () => {
  it.each([
    ['クラウドサービス提供における情報セキュリティ対策ガイドライン(第2版)(案)に対して提出された意見及びその意見に対する総務省の考え方', 'クラウドサービス提供における情報セキュリティ対策ガイドライン(第2版)(案)', '総務省'],
    ['第一種指定電気通信設備接続料規則の一部を改正する省令案に対する意見及び再意見並びにそれらに対する総務省の考え方', '第一種指定電気通信設備接続料規則の一部を改正する省令案', '総務省'],
    ['「食品表示基準Q&A改正案」に関する御意見の概要及び御意見に対する考え方', '「食品表示基準Q&A改正案」', null],
    ['玄海原子力発電所3号炉及び4号炉の審査書案に対する科学的・技術的意見の募集の結果について', '玄海原子力発電所3号炉及び4号炉の審査書案', null],
    ['「電波法施行規則の一部を改正する省令案」への意見募集の結果', '「電波法施行規則の一部を改正する省令案」', null],
    ['電波法施行規則の一部を改正する省令案に係る意見募集の結果について', '電波法施行規則の一部を改正する省令案', null],
    ['テスト規則案に対する御意見への回答', 'テスト規則案', null],
  ])('%s', (title, subject, respondent) => {
    const header = readHeader(lines('別紙1', title), new VFile());
    expect([header.title, header.subject, header.respondent]).toEqual([title, subject, respondent]);
  });

  it('reads a title printed in the first cell of a row (a spreadsheet export), without the TABs of its empty cells', () => {
    const title = '「テスト計画(案)」に対する意見募集の結果';
    const header = readHeader([{ line: 1, text: `${title}\t\t\t`, cells: [title, '', '', ''], isMainHeading: false }], new VFile());
    expect([header.title, header.subject]).toEqual([title, '「テスト計画(案)」']);
  });
});
