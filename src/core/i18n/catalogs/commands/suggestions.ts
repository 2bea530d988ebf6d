/**
 * Suggestions for free-text options (Discord autocomplete, issue 20): date phrases with the date
 * they mean, deal stages, deal ids, quote numbers and open invoices (number, customer, what is left
 * to collect, how late). Each choice is at most 100 characters on Discord, so these stay short. `suggest.datePhrases` is a `|`-separated list of phrases the date
 * reader understands in that language (a phrase it cannot read is dropped, never shown).
 */
export const suggestionsEn = {
  "suggest.datePhrases": "tomorrow|in 2 days|fri|next mon|next fri|in 1 week|in 2 weeks",
  "suggest.date": "{phrase} — {date}",
  "suggest.unreadable": "\"{phrase}\" is not a date Rapport reads. Try tomorrow, next fri, 2026-12-01",
  "suggest.stage": "{stage} · {probability}%",
  "suggest.deal": "#{id} · {title} · {customer}",
  "suggest.quote": "{number} · {customer} · {status}",
  "suggest.invoiceOverdue": "{number} · {customer} · {amount} open · {days, plural, one {# day overdue} other {# days overdue}}",
  "suggest.invoiceDue": "{number} · {customer} · {amount} open · due {date}",
} as const;

type Keys = Record<keyof typeof suggestionsEn, string>;

export const suggestionsZhCN = {
  "suggest.datePhrases": "明天|后天|周五|下周一|下周五|一周后|两周后",
  "suggest.date": "{phrase} — {date}",
  "suggest.unreadable": "无法识别日期“{phrase}”。可以输入：明天、下周五、2026-12-01",
  "suggest.stage": "{stage} · {probability}%",
  "suggest.deal": "#{id} · {title} · {customer}",
  "suggest.quote": "{number} · {customer} · {status}",
  "suggest.invoiceOverdue": "{number} · {customer} · 待收 {amount} · {days, plural, other {已逾期 # 天}}",
  "suggest.invoiceDue": "{number} · {customer} · 待收 {amount} · {date}到期",
} as const satisfies Keys;

export const suggestionsZhTW = {
  "suggest.datePhrases": "明天|後天|週五|下週一|下週五|一週後|兩週後",
  "suggest.date": "{phrase} — {date}",
  "suggest.unreadable": "無法辨識日期「{phrase}」。可以輸入：明天、下週五、2026-12-01",
  "suggest.stage": "{stage} · {probability}%",
  "suggest.deal": "#{id} · {title} · {customer}",
  "suggest.quote": "{number} · {customer} · {status}",
  "suggest.invoiceOverdue": "{number} · {customer} · 待收 {amount} · {days, plural, other {已逾期 # 天}}",
  "suggest.invoiceDue": "{number} · {customer} · 待收 {amount} · {date}到期",
} as const satisfies Keys;

export const suggestionsKo = {
  "suggest.datePhrases": "내일|모레|금요일|다음 주 월요일|다음 주 금요일|일주일 후|2주 후",
  "suggest.date": "{phrase} — {date}",
  "suggest.unreadable": "‘{phrase}’은(는) 인식할 수 없는 날짜입니다. 예: 내일, 다음 주 금요일, 2026-12-01",
  "suggest.stage": "{stage} · {probability}%",
  "suggest.deal": "#{id} · {title} · {customer}",
  "suggest.quote": "{number} · {customer} · {status}",
  "suggest.invoiceOverdue": "{number} · {customer} · 미수 {amount} · {days, plural, other {#일 연체}}",
  "suggest.invoiceDue": "{number} · {customer} · 미수 {amount} · {date} 만기",
} as const satisfies Keys;
