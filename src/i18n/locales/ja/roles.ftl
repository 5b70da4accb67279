# Issue #17 の 2〜4：役職、加盟認定証、日程に合わせて動く貸出期間。

role-clash-president = { $city } が { $from } から { $to } まで会長を務めています。会長の任期は重ねられません。先にその任期を終えるか、別の日付を選んでください。
role-clash-president-short = 別の会長の任期がこの期間と重なっています。
role-open-end = 終了日なし
role-region-unknown = 「{ $code }」は協会が把握している国・地域ではありません。「国・地域」ページのコードをカンマ区切りで入力してください（例：JP, KR）。
role-regions-lead-only = 担当する国・地域を指定できるのはリーダー都市だけです。
role-city-withdrawn = この都市は脱退しています。脱退後の役職は持てません。
role-changed = 役職を変更しました。
role-change = 任期を変更
role-save = 任期を保存
role-regions = 担当する国・地域
role-regions-hint = リーダー都市のみ：国コードをカンマ区切りで（例：JP, KR）。
role-leads = 担当：
officers-leads = 担当地域
audit-action-member-role-edit = 都市の役職を変更

certificate-withdrawn = { $date } に脱退：この認定証は無効です。
certificate-withdrawn-undated = 脱退済み：この認定証は無効です。
certificate-staff-note = 事務局と当該都市の利用者にのみ表示されます。都市の言語（{ $language }）で印刷されます。

exh-dates-title = 日程を変更
exh-dates-hint = 予約済みのポスターセットの貸出期間は日程に合わせて動きます。ほかの貸出と重なる場合は変更を受け付けず、何も変わりません。
exh-dates-save = 日程を変更
exh-dates-saved = 日程を変更しました。ポスターセットの貸出期間も合わせて変わりました。
exh-error-dates-locked = ポスターセットはすでに発送済みのため、日程は変更できません。
exh-loan-follows-dates = この展示に予約したポスターセットは日程に合わせて動きます。新しい日程がセットのほかの貸出と重なる場合、変更は受け付けられません。
exh-loan-language-booked = この展示に予約したポスターセットは別の言語です。先に事務局に予約の解除を依頼してください。何も変更していません。
