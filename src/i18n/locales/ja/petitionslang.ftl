# Issue #19 items 1, 4, 6 (petitions in several languages, supporters,
# milestones) and issue #18 item 7 (the petition bits).

## The public page
petition-versions-other = ほかの言語：
petition-version-fallback = この署名には{ $language }版がまだありません。原文を表示しています。
petition-milestones = 節目
petition-milestone-reached = { $count }筆に到達
report-print-hint = ブラウザーの印刷機能で、この提出用報告書を印刷または PDF として保存できます。

## Emails to people who signed (they act for themselves, not for a city)
mail-footer-note-signer = このメールは、当会のウェブサイトでこのアドレスを使って署名が行われたためにお送りしています。自動送信のため、このメールには返信しないでください。
mail-footer-note-supporter = このメールは、この署名にご署名のうえ、お知らせの受け取りを希望されたためにお送りしています。自動送信のため、このメールには返信しないでください。
mail-supporter-open-petition = 署名のページ
mail-supporter-why = 「{ $title }」にご署名いただき、お知らせの受け取りを希望されました。
mail-supporter-unsubscribe = この署名についてのお知らせを今後受け取らない場合：{ $link }
mail-milestone-subject = { $count }筆になりました：{ $title }
mail-milestone-body = 「{ $title }」の署名が{ $count }筆に達しました（目標 { $goal } 筆）。ご署名と、周りの方への呼びかけに感謝いたします。

## The petition form and its versions
petition-original-language = 原文の言語
petition-original-language-hint = 以下の題名・要約・本文が原文です。ほかの言語の版は署名のページで追加できます。どの版も一つの署名数を共有します。
petition-summary-field = 要約（任意、1～2文）
petition-language-translated = この言語の翻訳があります。先に翻訳を削除してください。
petition-version-is-original = これは署名の原文の言語です。署名活動の編集で変更してください。
petition-versions = 言語
petition-versions-complete = サイトのすべての言語に版があります。
petition-versions-missing = まだ版がない言語：
petition-version-language = 言語
petition-version-action = 操作
petition-version-original = 原文
petition-version-edit = 翻訳を編集
petition-version-missing = 未翻訳
petition-version-add = 翻訳を追加
petition-version-title = { $language }版
petition-version-original-text = 原文（{ $language }）
petition-version-remove = この翻訳を削除
petition-version-remove-hint = この言語の読者には、再び原文が表示されます。
petition-version-saved = 翻訳を保存しました。
petition-version-removed = 翻訳を削除しました。

## Supporters and milestones (staff)
supporters-heading = 賛同者
supporters-count = お知らせを希望した賛同者：{ $count }人
supporters-none = 署名を確認した方のうち、お知らせを希望した方はまだいません。希望者が現れると、お知らせや節目の告知を送れるようになります。
supporter-update-hint = お知らせを一つ以上の言語で書いてください。賛同者は署名した言語の版を、なければ署名の原文の言語の版を受け取ります。どのメールもワンクリックで停止できます。
supporter-update-subject = 件名
supporter-update-body = 本文（空行で段落を分けます）
supporter-update-send = 賛同者 { $count } 人に送信
supporter-update-sent = お知らせを賛同者 { $count } 人に送ります。
supporter-update-incomplete = 書く言語ごとに、件名と本文の両方が必要です。
supporter-update-empty = 少なくとも一つの言語でお知らせを書いてください。
supporter-update-nobody = お知らせを希望した賛同者がいないため、何も送信していません。
supporter-updates-sent = 送信したお知らせ
supporter-updates-none = まだお知らせを送っていません。上で書くか、節目を告知してください。
milestones-none = まだ節目に達していません。署名数が節目（目標に対する割合、または一定数ごと）を超えると、集計のときに記録されます。
milestone-announce = 賛同者 { $count } 人に告知
milestone-announced = { $time } 告知済み
milestone-already-announced = この節目はすでに告知しています。

## Unsubscribing from a petition's updates
supporter-unsubscribe-title = 署名のお知らせ
supporter-unsubscribe-text = 「{ $title }」についてのお知らせを停止しますか？ご署名は引き続き数えられます。
supporter-unsubscribe-button = お知らせを停止する
supporter-unsubscribed = 「{ $title }」についてのお知らせは今後お送りしません。ご署名は引き続き数えられます。

## Audit log
audit-action-petition-translate = 署名の翻訳を変更
audit-action-petition-supporter-update = 署名の賛同者にお知らせを送信
audit-action-petition-supporter-unsubscribe = 賛同者が署名のお知らせを停止
audit-entity-petition-submission = 署名
