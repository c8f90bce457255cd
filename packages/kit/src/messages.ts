import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from './errors.js';

/*
 * One catalogue of the reasons a BAD_USER_INPUT message gives, in English and
 * in Vietnamese. A message is always `<field>: <value> <reason>`; the reason is
 * written in English where the error is raised, and a request that asks for
 * Vietnamese (`Accept-Language: vi`) gets it rendered from this catalogue,
 * field and value unchanged. `{name}` marks a part that varies; it is carried
 * over as it is (a number, an id, a date).
 */

/** A reason in both languages. */
export interface CatalogueEntry {
  en: string;
  vi: string;
}

/** The languages messages come in. */
export type Language = 'en' | 'vi';

export const messageCatalogue: readonly CatalogueEntry[] = [
  // Values and scalars
  { en: 'is not a known province', vi: 'không phải là tỉnh, thành phố có trong danh mục' },
  { en: 'is not a known cluster', vi: 'không phải là cụm thi đua đã có' },
  { en: 'is not a known indicator', vi: 'không phải là chỉ tiêu có trong danh mục' },
  { en: 'is not a known index', vi: 'không phải là chỉ số có trong danh mục' },
  { en: 'is not a year between {first} and {last}', vi: 'không phải là năm từ {first} đến {last}' },
  { en: 'did not exist in {year}: {validity}', vi: 'không tồn tại trong năm {year}: {validity}' },
  { en: 'did not exist in {year} ({field}): {validity}', vi: 'không tồn tại trong năm {year} ({field}): {validity}' },
  {
    en: 'is not a date of the form YYYY-MM-DD, e.g. "2025-07-01"',
    vi: 'không phải là ngày dạng YYYY-MM-DD, ví dụ "2025-07-01"',
  },
  {
    en: 'is not a date-time with a time zone, e.g. "2025-07-01T08:30:00Z"',
    vi: 'không phải là thời điểm có múi giờ, ví dụ "2025-07-01T08:30:00Z"',
  },
  { en: 'is not a JSON object', vi: 'không phải là đối tượng JSON' },
  { en: 'is not a valid {scalar}', vi: 'không phải là giá trị {scalar} hợp lệ' },
  {
    en: 'is not a finite number: it is too large for a 64-bit float',
    vi: 'không phải là số hữu hạn: quá lớn đối với số thực 64 bit',
  },
  { en: 'contains the control character {char}', vi: 'chứa ký tự điều khiển {char}' },
  {
    en: 'is not well-formed Unicode (it has a lone surrogate)',
    vi: 'không phải là Unicode hợp lệ (có nửa cặp thay thế đứng riêng)',
  },
  { en: 'must not be empty (it has no visible characters)', vi: 'không được để trống (không có ký tự nhìn thấy được)' },
  { en: 'is longer than {max} characters', vi: 'dài hơn {max} ký tự' },
  {
    en: 'is not an id of lowercase letters, digits and hyphens (e.g. "cum-3")',
    vi: 'không phải là mã gồm chữ thường, chữ số và dấu gạch nối (ví dụ "cum-3")',
  },
  { en: 'is not {what} id (a UUID)', vi: 'không phải là mã {what} (UUID)' },
  { en: 'is not a file id (a UUID)', vi: 'không phải là mã tệp (UUID)' },
  { en: 'is not a record id (a UUID)', vi: 'không phải là mã bản ghi (UUID)' },
  { en: 'is not a node stream id (a UUID)', vi: 'không phải là mã luồng của nút (UUID)' },
  { en: 'is not a sequence number (1 or more)', vi: 'không phải là số thứ tự (từ 1 trở lên)' },
  { en: 'appears twice in the batch', vi: 'xuất hiện hai lần trong lô' },
  { en: "is below the batch's last record ({last})", vi: 'nhỏ hơn bản ghi cuối của lô ({last})' },
  { en: 'is not a metrics record kind', vi: 'không phải là loại bản ghi của phân hệ chỉ tiêu' },
  { en: 'is not an awards record kind', vi: 'không phải là loại bản ghi của phân hệ khen thưởng' },
  {
    en: "is not a node user's name (letters, digits, spaces inside, . _ @ -; at most 100; no / or :)",
    vi: 'không phải là tên người dùng của nút (chữ, số, khoảng trắng ở giữa, . _ @ -; tối đa 100; không có / hoặc :)',
  },
  { en: 'is not a SHA-256 in hex', vi: 'không phải là mã SHA-256 dạng thập lục phân' },
  { en: 'is not a size in bytes', vi: 'không phải là kích thước tính bằng byte' },
  { en: 'is not an uploaded file (POST /files first)', vi: 'không phải là tệp đã tải lên (hãy gửi POST /files trước)' },
  { en: 'was not uploaded by "{province}"', vi: 'không do "{province}" tải lên' },
  {
    en: 'is a formula without a calculated value: open and save the file in Excel',
    vi: 'là công thức chưa có giá trị tính sẵn: hãy mở và lưu tệp bằng Excel',
  },
  { en: 'is the error {error}', vi: 'là lỗi {error}' },
  // Numbers
  { en: 'is not a count (a whole number ≥ 0)', vi: 'không phải là số đếm (số nguyên ≥ 0)' },
  { en: 'is not a whole number ≥ 0', vi: 'không phải là số nguyên ≥ 0' },
  { en: 'is not a count of awards (a whole number ≥ 1)', vi: 'không phải là số lượng khen thưởng (số nguyên ≥ 1)' },
  { en: 'is not a percentage between 0 and 100', vi: 'không phải là tỷ lệ phần trăm từ 0 đến 100' },
  { en: 'is not a percentage above 0 and at most 100', vi: 'không phải là tỷ lệ phần trăm lớn hơn 0 và không quá 100' },
  { en: 'is not a share between 0 and 1', vi: 'không phải là tỷ lệ từ 0 đến 1' },
  { en: 'is not a share above 0 and at most 1', vi: 'không phải là tỷ lệ lớn hơn 0 và không quá 1' },
  { en: 'is not a score between 0 and {max}', vi: 'không phải là điểm từ 0 đến {max}' },
  {
    en: 'is not between 0 and {max}, the maximum of {criterion}',
    vi: 'không nằm trong khoảng 0 đến {max}, mức tối đa của {criterion}',
  },
  { en: 'is not a number of points between 0 and {max}', vi: 'không phải là số điểm từ 0 đến {max}' },
  { en: 'is not a number above 0 and at most {max}', vi: 'không phải là số lớn hơn 0 và không quá {max}' },
  { en: 'must be a number ≥ 0', vi: 'phải là số ≥ 0' },
  { en: 'must not be negative', vi: 'không được là số âm' },
  { en: 'must be greater than 0', vi: 'phải lớn hơn 0' },
  { en: 'must not all be 0', vi: 'không được đồng thời bằng 0' },
  { en: 'must not both be 0: their sum must be positive', vi: 'không được cùng bằng 0: tổng của chúng phải dương' },
  { en: 'must be 100 for PERCENT', vi: 'phải bằng 100 với đơn vị PERCENT' },
  {
    en: 'must be omitted for COUNT (counts are unbounded)',
    vi: 'phải bỏ trống với đơn vị COUNT (số đếm không có mức trần)',
  },
  { en: 'is greater than the denominator {denominator}', vi: 'lớn hơn mẫu số {denominator}' },
  { en: 'is missing: denominator {denominator} needs one', vi: 'còn thiếu: mẫu số {denominator} cần có tử số' },
  { en: 'is missing: numerator {numerator} needs one', vi: 'còn thiếu: tử số {numerator} cần có mẫu số' },
  {
    en: 'does not match numerator/denominator: {ratio} = {expected}',
    vi: 'không khớp với tử số/mẫu số: {ratio} = {expected}',
  },
  { en: 'is needed for a RANGE: give its high end', vi: 'là bắt buộc với khoảng (RANGE): hãy nhập cận trên' },
  { en: 'is below the low end {low}', vi: 'nhỏ hơn cận dưới {low}' },
  { en: 'is only for a RANGE, not {kind}', vi: 'chỉ dùng cho khoảng (RANGE), không dùng cho {kind}' },
  // Batches, lists and files
  { en: 'is more than {max} rows: split the batch', vi: 'nhiều hơn {max} dòng: hãy chia nhỏ lô' },
  { en: 'is more than {max} rows: split the file', vi: 'nhiều hơn {max} dòng: hãy chia nhỏ tệp' },
  { en: 'is more than {max}', vi: 'nhiều hơn {max}' },
  { en: 'must have one entry per row ({rows})', vi: 'phải có một giá trị cho mỗi dòng ({rows})' },
  {
    en: 'repeats input[{row}]: the same province, indicator and year',
    vi: 'trùng với input[{row}]: cùng tỉnh, chỉ tiêu và năm',
  },
  {
    en: 'repeats row {row}: the same province, indicator and year',
    vi: 'trùng với dòng {row}: cùng tỉnh, chỉ tiêu và năm',
  },
  { en: 'repeats row {row}', vi: 'trùng với dòng {row}' },
  { en: 'repeats criteria[{index}]', vi: 'trùng với criteria[{index}]' },
  { en: 'repeats items[{index}]', vi: 'trùng với items[{index}]' },
  { en: 'is listed twice', vi: 'được liệt kê hai lần' },
  { en: 'is capped twice', vi: 'bị giới hạn hai lần' },
  { en: 'is already components[{index}]', vi: 'đã có ở components[{index}]' },
  { en: 'must name at least one province', vi: 'phải nêu ít nhất một tỉnh, thành phố' },
  { en: 'must name at least one indicator', vi: 'phải nêu ít nhất một chỉ tiêu' },
  { en: 'must name at least one candidate', vi: 'phải nêu ít nhất một ứng viên' },
  { en: 'must list at least one criterion', vi: 'phải liệt kê ít nhất một tiêu chí' },
  // Indicators
  {
    en: 'is not an indicator code (lowercase letters, digits, "_" and ".")',
    vi: 'không phải là mã chỉ tiêu (chữ thường, chữ số, "_" và ".")',
  },
  { en: 'is needed when neither indicator nor year is given', vi: 'là bắt buộc khi không nêu chỉ tiêu hay năm' },
  // Years and periods
  { en: 'is before fromYear {year}', vi: 'trước fromYear {year}' },
  { en: 'is before periodFrom {year}', vi: 'trước periodFrom {year}' },
  {
    en: 'must be after periodFrom {year} (for one year, give only year)',
    vi: 'phải sau periodFrom {year} (nếu chỉ một năm, hãy chỉ nhập year)',
  },
  { en: 'is outside the period {period}', vi: 'nằm ngoài giai đoạn {period}' },
  {
    en: 'is needed too: give both ends of the period, or neither',
    vi: 'cũng là bắt buộc: hãy nhập cả hai đầu của giai đoạn, hoặc bỏ trống cả hai',
  },
  { en: 'cannot be cleared', vi: 'không thể xoá trống' },
  // Clusters and seasons
  { en: 'has no season of cluster "{cluster}"', vi: 'chưa có mùa thi đua của cụm "{cluster}"' },
  {
    en: 'has no season of cluster "{cluster}": set its members first',
    vi: 'chưa có mùa thi đua của cụm "{cluster}": hãy xác định thành viên trước',
  },
  { en: 'is not a member of {cluster} in {year}', vi: 'không phải là thành viên của {cluster} năm {year}' },
  {
    en: 'is not a member of {cluster} in {year}; only members can be nominated',
    vi: 'không phải là thành viên của {cluster} năm {year}; chỉ thành viên mới được đề nghị',
  },
  { en: 'is already a member of cluster "{cluster}" in {year}', vi: 'đã là thành viên của cụm "{cluster}" năm {year}' },
  {
    en: 'cannot sit in one season beside its successor "{successor}"',
    vi: 'không thể cùng ở một mùa thi đua với đơn vị kế thừa "{successor}"',
  },
  { en: 'must differ from the head', vi: 'phải khác Cụm trưởng' },
  { en: 'must differ from the head elected', vi: 'phải khác Cụm trưởng đã được bầu' },
  {
    en: 'leaves out "{id}", the season\'s {role}: elect another {role} first',
    vi: 'bỏ sót "{id}", {role} của mùa thi đua: hãy bầu {role} khác trước',
  },
  {
    en: 'is not in {first} or {year}, when a compact is signed',
    vi: 'không thuộc năm {first} hoặc {year}, khi ký giao ước thi đua',
  },
  // Commendations and the review
  { en: 'is not a commendation form', vi: 'không phải là hình thức khen thưởng' },
  { en: 'is not a commendation id', vi: 'không phải là mã khen thưởng' },
  { en: 'cannot receive {form} ("{name}")', vi: 'không thể nhận {form} ("{name}")' },
  {
    en: 'cannot receive {form} ("{name}"): it goes to {kinds}',
    vi: 'không thể nhận {form} ("{name}"): hình thức này dành cho {kinds}',
  },
  { en: '("{name}") is not proposed by a cluster review', vi: '("{name}") không do hội nghị tổng kết của cụm đề nghị' },
  {
    en: '("{name}") is not proposed by a cluster review: propose a Ministry or Government form for the department',
    vi: '("{name}") không do hội nghị tổng kết của cụm đề nghị: hãy đề nghị hình thức của Bộ hoặc Chính phủ cho Sở',
  },
  {
    en: 'can never be exceeded: for "every member" use inclusive: true',
    vi: 'không bao giờ vượt được: với "mọi thành viên" hãy dùng inclusive: true',
  },
  { en: 'is below the {count} {form} already adopted', vi: 'thấp hơn {count} {form} đã được thông qua' },
  { en: 'is not a candidate of round {round}', vi: 'không phải là ứng viên của vòng {round}' },
  {
    en: 'is not in the runoff of round {round} ({runoff})',
    vi: 'không thuộc vòng bầu lại của vòng {round} ({runoff})',
  },
  { en: 'cannot be named: this round elected no head', vi: 'không thể nêu: vòng này chưa bầu được Cụm trưởng' },
  // The emulation year
  {
    en: 'is not a criterion of this season’s sheet',
    vi: 'không phải là tiêu chí trong bảng chấm điểm của mùa thi đua này',
  },
  {
    en: 'have no self-score yet: score every criterion, then submit',
    vi: 'chưa có điểm tự chấm: hãy chấm mọi tiêu chí rồi gửi',
  },
  {
    en: 'need evidence (minh chứng) for the points claimed: attach a file, then submit',
    vi: 'cần minh chứng cho số điểm đề nghị: hãy đính kèm tệp rồi gửi',
  },
  {
    en: 'is needed: members have submitted, so a change of the sheet must say why',
    vi: 'là bắt buộc: các thành viên đã gửi bài tự chấm, nên thay đổi bảng chấm điểm phải nêu lý do',
  },
  {
    en: "is needed: {score} departs from the rule's {rule} for {criterion}",
    vi: 'là bắt buộc: {score} khác với mức {rule} theo quy tắc của {criterion}',
  },
  {
    en: 'is below the score {score} "{province}" has for {criterion}',
    vi: 'thấp hơn điểm {score} mà "{province}" đạt ở {criterion}',
  },
  // Decision dates
  {
    en: 'is not in {first}–{last}: a decision falls in the year of the award or the next',
    vi: 'không nằm trong {first}–{last}: quyết định được ký trong năm khen thưởng hoặc năm sau đó',
  },
  { en: 'is in the future', vi: 'là ngày trong tương lai' },
  // Accounts and API tokens
  {
    en: 'is not a username: 3–64 lowercase letters, digits, ".", "_" or "-", starting and ending with a letter or digit',
    vi: 'không phải là tên đăng nhập hợp lệ: 3–64 ký tự gồm chữ thường không dấu, chữ số, ".", "_" hoặc "-", bắt đầu và kết thúc bằng chữ hoặc số',
  },
  {
    en: 'is not one of admin, ministry, province, viewer',
    vi: 'không phải là một trong các vai trò admin, ministry, province, viewer',
  },
  {
    en: 'is only for PROVINCE accounts; a {role} account has none',
    vi: 'chỉ dành cho tài khoản PROVINCE; tài khoản {role} không gắn với tỉnh',
  },
  { en: 'is needed for a PROVINCE account', vi: 'là bắt buộc với tài khoản PROVINCE' },
  { en: 'must be in the future', vi: 'phải là thời điểm trong tương lai' },
  // Passwords: the reason follows the field alone, the value is never repeated.
  { en: 'is shorter than {min} characters', vi: 'ngắn hơn {min} ký tự' },
  { en: 'must not contain the username', vi: 'không được chứa tên đăng nhập' },
  { en: 'is not the current password', vi: 'không phải là mật khẩu hiện tại' },
  { en: 'is the current password: choose a new one', vi: 'trùng với mật khẩu hiện tại: hãy chọn mật khẩu mới' },
];

/** English phrases that fill a `{name}` part (a unit's validity, kinds of recipient), and their Vietnamese. */
const fillers: [RegExp, (...parts: string[]) => string][] = [
  [/^it existed from (\S+) to (\S+)$/, (from, to) => `đơn vị tồn tại từ ${from} đến ${to}`],
  [/^it exists from (\S+)$/, (from) => `đơn vị tồn tại từ ${from}`],
  [/^it existed until (\S+)$/, (until) => `đơn vị tồn tại đến ${until}`],
  [/^it has always existed$/, () => 'đơn vị luôn tồn tại'],
];

const kindNames: Record<string, string> = { DEPARTMENT: 'Sở', COLLECTIVE: 'tập thể', INDIVIDUAL: 'cá nhân' };

function fill(part: string): string {
  for (const [pattern, render] of fillers) {
    const match = pattern.exec(part);
    if (match) return render(...match.slice(1));
  }
  if (/^(DEPARTMENT|COLLECTIVE|INDIVIDUAL)( or (DEPARTMENT|COLLECTIVE|INDIVIDUAL))*$/.test(part)) {
    return part
      .split(' or ')
      .map((kind) => kindNames[kind])
      .join(' hoặc ');
  }
  return part;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The `{name}` parts of a template, in order. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}

/** A template's reason as a pattern: each `{name}` matches any text. */
function patternOf(template: string): RegExp {
  const source = template
    .split(/\{\w+\}/)
    .map(escape)
    .join('(.+?)');
  return new RegExp(`^${source}$`, 's');
}

const compiled = messageCatalogue.map((entry) => ({
  entry,
  pattern: patternOf(entry.en),
  names: placeholders(entry.en),
}));

/** The catalogue entry an English reason was written from, and its parts; undefined when it has none. */
export function findReason(reason: string): { entry: CatalogueEntry; parts: Record<string, string> } | undefined {
  // The longest template that matches: "repeats row 3: the same …" before "repeats row {row}".
  let best: { entry: CatalogueEntry; parts: Record<string, string> } | undefined;
  for (const { entry, pattern, names } of compiled) {
    const match = pattern.exec(reason);
    if (!match || (best && best.entry.en.length >= entry.en.length)) continue;
    best = { entry, parts: Object.fromEntries(names.map((name, i) => [name, match[i + 1]])) };
  }
  return best;
}

/** Renders a reason in `language`; an English reason with no catalogue entry stays as it is. */
export function translateReason(reason: string, language: Language): string {
  if (language === 'en') return reason;
  const found = findReason(reason);
  if (!found) return reason;
  return found.entry.vi.replace(/\{(\w+)\}/g, (_, name: string) => fill(found.parts[name] ?? ''));
}

/**
 * A BAD_USER_INPUT message (`<field>: <value> <reason>`, or `<field>: <reason>`
 * where the value must not be repeated, as for a password) in `language`, field
 * and value as they were; a message of another shape is returned unchanged.
 */
export function localizeBadInput(message: string, field: string, language: Language): string {
  if (language === 'en' || !message.startsWith(`${field}: `)) return message;
  const rest = message.slice(field.length + 2);
  // The value is shown as JSON or a bare word; the reason is what follows the first space that starts one.
  for (let at = rest.indexOf(' '); at !== -1; at = rest.indexOf(' ', at + 1)) {
    const reason = rest.slice(at + 1);
    if (findReason(reason)) return `${field}: ${rest.slice(0, at)} ${translateReason(reason, language)}`;
  }
  if (findReason(rest)) return `${field}: ${translateReason(rest, language)}`;
  return message;
}

/** The language an `Accept-Language` header prefers among those messages come in (default English). */
export function preferredLanguage(header: string | null | undefined): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1 };
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/**
 * Apollo plugin: BAD_USER_INPUT messages in the language the request's
 * `Accept-Language` asks for (Vietnamese or English), naming the same field
 * and value. Extensions are unchanged, so clients that read them see no difference.
 */
export function localizedErrorsPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ request }) {
      const language = preferredLanguage(request.http?.headers.get('accept-language'));
      if (language === 'en') return {};
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((error) => {
            const { code, field } = error.extensions ?? {};
            if (code !== ErrorCode.BAD_USER_INPUT || typeof field !== 'string') return error;
            return { ...error, message: localizeBadInput(error.message, field, language) };
          });
        },
      };
    },
  };
}
