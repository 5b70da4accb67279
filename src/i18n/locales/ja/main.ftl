# 日本語

language-name = 日本語
app-name = Solidarity

## 書式
format-number-group-separator = ,
format-decimal-separator = .
format-date = { $year }年{ $month }月{ $day }日
format-month = { $year }年{ $month }月
format-money-jpy = { $amount }円
format-money-other = { $amount } { $currency }
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## レイアウト
nav-skip = 本文へ移動
nav-label = メイン
nav-dashboard = ダッシュボード
nav-users = ユーザー
nav-audit = 監査ログ
nav-login = ログイン
nav-logout = ログアウト
language-switch = 言語：
footer-text = Solidarity · 平和と核兵器廃絶をめざす都市の連合、その事務局のシステムです。
pagination-label = ページ
pagination-previous = 前へ
pagination-next = 次へ
pagination-page = { $page }ページ
filter-any = すべて
filter-from = 開始日
filter-to = 終了日
filter-apply = 絞り込む

## フォーム
field-email = メールアドレス
field-password = パスワード
field-new-password = 新しいパスワード
field-password-confirm = 新しいパスワード（確認）
field-current-password = 現在のパスワード
field-display-name = 氏名
field-role = 役割
error-required = この項目を入力してください。
error-too-long = 長すぎます。
error-control-characters = 1行のテキストで入力してください。
error-email-invalid = name@example.org のようなメールアドレスを入力してください。
error-email-taken = このメールアドレスのアカウントはすでにあります。
error-password-short = 10文字以上にしてください。
error-password-mismatch = 2つのパスワードが一致しません。
error-password-wrong = 現在のパスワードが違います。
error-choose-option = 選択肢から1つ選んでください。
error-bad-form = フォームを読み取れませんでした。前のページに戻ってもう一度お試しください。
error-language-unknown = この言語は利用できません。

## エラーページ
error-400-title = 不正なリクエスト
error-403-title = 許可されていません
error-404-title = ページが見つかりません
error-405-title = ページが見つかりません
error-410-title = このリンクは無効です
error-413-title = 大きすぎます
error-429-title = リクエストが多すぎます
error-500-title = 問題が発生しました
error-other-title = エラー
error-not-found-text = このアドレスにはページがありません。
error-forbidden-text = お使いのアカウントではこのページを開けません。
error-csrf-text = フォームの有効期限が切れたか、このサイトから送られたものではありません。前に戻り、ページを再読み込みしてからもう一度送信してください。
error-too-many-text = 短時間にリクエストが多すぎます。少し待ってからもう一度お試しください。
error-too-large-text = 送信された内容が大きすぎます。
error-internal-text = サーバーが処理を完了できませんでした。もう一度お試しください。続く場合は、発生した時刻を事務局にお知らせください。
error-status = ステータス { $status }
error-back-home = ホームページへ戻る

## 役割
role-admin = 管理者
role-staff = 事務局スタッフ
role-city = 加盟都市

## ログイン
login-title = ログイン
login-submit = ログイン
login-failed = メールアドレスまたはパスワードが違います。
login-locked = 失敗が続いたため、{ $minutes }分後にもう一度お試しください。

## 初回設定
setup-title = 最初の管理者アカウントを作成
setup-intro = まだ誰もログインできません。ここで作成するアカウントがスタッフのアカウントと設定を管理します。このリンクは一度だけ使えます。
setup-submit = 管理者アカウントを作成
setup-done = 管理者アカウントができました。Solidarity へようこそ。
setup-link-gone = この設定リンクは使用済みか期限切れです。管理者に招待を依頼してください。管理者がいない場合は、サーバーを再起動すると新しいリンクが表示されます。

## アカウントと招待
users-title = ユーザー
users-accounts = アカウント
users-last-login = 最終ログイン
users-never = なし
users-status = 状態
users-active = 有効
users-inactive = 無効
users-deactivate = 無効にする
users-reactivate = 有効に戻す
users-deactivated = { $email } を無効にし、ログアウトさせました。
users-reactivated = { $email } は再びログインできます。
users-cannot-deactivate-self = 自分のアカウントは無効にできません。
users-open-invitations = 未使用の招待
users-no-invitations = 未使用の招待はありません。
users-invitation-expires = 有効期限 { $date }
users-invite = スタッフを招待
users-invite-submit = 招待を作成
invite-link-gone = この招待は使用済みか期限切れです。管理者に新しい招待を依頼してください。
invite-accept-title = 事務局に参加
invite-accept-intro = { $email } のアドレスで招待されています。氏名とパスワードを決めてください。
invite-accept-submit = アカウントを作成
invite-welcome = { $name } さん、ようこそ。アカウントの準備ができました。

## マイアカウント
account-title = マイアカウント
account-language = 言語
account-language-hint = 言語は各ページ下の切り替えで変更できます。あなたへのメールもその言語で送られます。
password-title = パスワードの変更
password-submit = パスワードを変更
password-hint = 10文字以上。関係のない単語をいくつか並べると良いパスワードになります。
password-other-sessions = 変更すると、ほかの場所でのログインはすべて終了します。
password-changed = パスワードを変更しました。ほかのセッションはログアウトされました。

## 監査ログ
audit-title = 監査ログ
audit-when = 日時
audit-actor = 実行者
audit-action = 操作
audit-record = 対象
audit-entity-type = 対象の種類
audit-entity-id = 対象の番号
audit-summary = 変更内容
audit-ip = アドレス
audit-system = システム
audit-count = { $count }件

## ホームページ
home-title = 核兵器のない世界をめざす都市
home-lead = 1982年に広島と長崎が創設し、163の国と地域の7,800を超える都市が加盟する連合です。核兵器の廃絶と恒久平和の実現をめざしています。
home-about-heading = 私たちについて
home-about = 1982年、第2回国連軍縮特別総会で広島市長が、核兵器廃絶に向けて世界の都市が連帯することを提唱しました。1991年から国連経済社会理事会の特別協議資格を持つNGOです。
home-figures = 2019年12月現在、163の国と地域の7,854都市が加盟しています（アジア3,231、ヨーロッパ3,032）。
home-join-heading = 加盟の方法
home-join = どの都市・地域も加盟できます。市長が加盟申請書を送り、事務局が審査して毎月まとめて登録し、翌月1日から加盟となります。
home-dues = 加盟都市には年額2,000円の任意のメンバーシップ納付金をお願いしています。納付がなくても加盟は続きます。
home-act-heading = 加盟都市の活動
home-act-petitions = 核兵器禁止を求める署名に参加し、署名を集める。
home-act-exhibition = 広島・長崎の資料を使って原爆ポスター展を開く。
home-act-sister-cities = まだ加盟していない姉妹都市に加盟を呼びかける。

## ダッシュボード
dashboard-title = ダッシュボード
dashboard-welcome = { $name } さん、こんにちは。
dashboard-accounts = アカウント
dashboard-account = あなたのアカウント

## メール
mail-footer-name = 平和首長会議 事務局
mail-footer-note = このメールは、貴市の加盟またはウェブサイトでのお手続きに関してお送りしています。自動送信のため、このメールには返信しないでください。
mail-greeting = { $name } 様
mail-invite-subject = 事務局システムへのご招待
mail-invite-body = { $inviter } さんが、事務局のシステム Solidarity に{ $role }としてあなたを招待しました。
mail-invite-action = パスワードを設定する
mail-invite-expiry = このリンクは7日間、一度だけ有効です。
invite-created = { $email } への招待をメールで送信します。

## 送信トレイ
nav-outbox = 送信トレイ
outbox-title = 送信トレイ
outbox-counts = 状態別のメッセージ数
outbox-status = 状態
outbox-recipient = 宛先
outbox-subject = 件名
outbox-created = 登録日時
outbox-attempts = 試行回数
outbox-last-error = 最後のエラー
outbox-actions = 操作
outbox-retry = 再送
outbox-cancel = 取り消し
outbox-retried = メッセージを再び送信待ちにしました。
outbox-cancelled = メッセージを取り消しました。
outbox-not-changed = メッセージの状態が変わっていたため、何もしませんでした。
outbox-next-attempt = 次の試行 { $time }
outbox-status-queued = 送信待ち
outbox-status-sending = 送信中
outbox-status-sent = 送信済み
outbox-status-failed = 失敗
outbox-status-cancelled = 取り消し
outbox-count = { $count }件
dashboard-mail = メール
dashboard-mail-failed = { $count }件のメッセージを配信できませんでした。
dashboard-mail-queued = 送信待ち：{ $count }件

## 共通
save = 保存
field-choose = 選択してください…
form-has-errors = 確認が必要な項目があります。下に印を付けています。
error-choose-country = 国または地域を選んでください。
error-latin-letters = ここではラテン文字で書いてください。現地の文字での名称は別の欄があります。
error-letter-not-pdf = 書簡は PDF ファイルにしてください。
error-letter-too-large = 書簡のファイルが大きすぎます（5 MB まで）。
error-phone-invalid = 電話番号を入力してください（例：+81 82 242 7831）。
error-population-invalid = 人口を整数で入力してください。
error-website-invalid = https://www.city.example のようなウェブアドレスを入力してください。
error-date-order = 終了日が開始日より前になっています。

## 地域（表4）
continent-asia = アジア
continent-oceania = オセアニア
continent-africa = アフリカ
continent-europe = ヨーロッパ
continent-north-america = 北米
continent-latin-america = 中南米・カリブ
field-continent = 地域

## ナビゲーション
nav-join = 加盟申請
nav-members = 加盟都市
nav-officers = 役員都市
nav-applications = 加盟申請の審査
nav-directory = 加盟都市一覧
nav-my-city = 自分の都市

## 加盟申請フォーム
join-title = 加盟の申請
join-intro = 都市・地域は、市長に代わってこのフォームを送ることで加盟を申請できます。事務局が審査し、毎月まとめて登録します。加盟は翌月1日からです。
join-section-city = 都市
join-section-mayor = 市長
join-section-contact = 連絡先
join-section-message = メッセージと加盟意思の書簡
field-city-name-latin = 都市名（ラテン文字）
field-city-name-native = 都市名（現地の文字、任意）
field-country = 国・地域
field-province = 州・県など（任意）
field-population = 人口（任意）
field-website = ウェブサイト（任意）
field-mayor-name = 市長の氏名
field-mayor-title = 市長の肩書
field-contact-name = 担当者
field-phone = 電話番号（任意）
field-postal-address = 郵便の宛先
field-language = メールの言語
field-message = メッセージ（任意）
field-letter = 加盟意思の書簡、PDF（任意）
field-letter-hint = { $size } MB までの PDF。
honeypot-label = この欄は空のままにしてください
join-privacy = ご記入の情報は貴市の加盟手続きにのみ使用します。公開の加盟都市一覧には都市名・国・加盟年のみを表示し、連絡先は表示しません。
join-submit = 申請を送信
join-thanks = ありがとうございます。申請を受け付けました。
join-received = ありがとうございます。受付番号は { $reference } です。確認のメールをお送りしました。

## 申請の状況（申請者）
join-status-title = 申請の状況
application-reference = 受付番号
application-submitted-on = 受付日時
application-received-on = { $date } 受付
application-status = 状態
application-status-submitted = 受付済み・審査中
application-status-info-requested = 追加情報が必要
application-status-approved = 承認
application-status-rejected = 不承認
application-status-registered = 加盟都市として登録済み
join-status-submitted-text = 事務局が申請を審査しています。結果はメールでお知らせします。
join-status-info-requested-text = 事務局から追加の情報をお願いしています。下の欄からご回答ください。
join-status-approved-text = 申請は承認されました。事務局の次回の月次登録で登録され、翌月1日から加盟となります。
join-status-rejected-text = 事務局はこの申請をお受けできませんでした。理由は下のとおりです。
join-status-registered-text = 貴市は加盟都市になりました。ようこそ！
join-status-keep-link = このページのアドレスを保存してください。この申請専用のリンクです。
application-messages = メッセージ
application-message-you = あなた
application-message-applicant = 申請者
application-message-secretariat = 事務局
join-reply-label = ご回答
join-reply-submit = 回答を送信
join-reply-sent = ありがとうございます。回答を事務局に送りました。
join-reply-not-expected = この申請は回答を待っていません。
application-duplicate-member = 記録によると、{ $city } はすでに加盟都市です（加盟番号 { $number }）。事務局が申請内容を確認し、ご連絡します。
application-duplicate-application = この都市についての申請がすでに手続き中です（{ $reference }）。事務局が両方を確認し、ご連絡します。

## 審査（スタッフ）
queue-title = 加盟申請
queue-open = 未処理（受付済み・回答待ち）
queue-search = 都市名
queue-duplicates = 重複
queue-duplicates-only = 重複の疑いのみ
queue-count = { $count }件
application-duplicate-flag = 重複の可能性
application-see-member = 加盟都市を見る
application-see-other = もう一方の申請を見る
application-letter-download = 加盟意思の書簡（PDF）をダウンロード
application-decide = 判断
application-approve = 承認
application-approve-hint = 承認した申請は月次登録（毎月{ $day }日頃）で登録されます。
application-request-information = 追加情報を求める
application-question = 申請者への質問
application-reject = 不承認
application-reason = 理由（申請者に送られます）
application-decision-note = 判断の記録
application-approved = 申請を承認しました。月次登録を待ちます。申請者にはメールで知らせました。
application-rejected = 申請を不承認にしました。申請者にはメールで知らせました。
application-information-requested = 質問を申請者にメールで送りました。
application-not-changed = 申請の状態が変わっていたため、何もしませんでした。
application-note-required = 理由または質問を書いてください。申請者が読みます。
application-waiting-registration = 承認済み。月次登録を待っています。
application-member-page = 加盟都市のページ

## 月次登録
registration-title = 月次登録
registration-day-text = 今月の登録日：{ $date }
registration-starts-text = 今登録する都市は { $date } から加盟となります。
registration-waiting = 承認済みで登録待ちの申請：{ $count }件
registration-none-waiting = 登録待ちの承認済み申請はありません。
registration-invite-contacts = 各担当者を都市のユーザーとして招待する
registration-run = 今すぐ登録する（{ $date } から加盟）
registration-done = { $count }都市を登録しました。歓迎のメールを送信します。
registration-day-setting = 登録日
registration-day-label = 毎月の日（1〜28）
registration-day-saved = 登録日を保存しました。
registration-day-invalid = 1から28までの日を指定してください。

## 加盟都市
directory-title = 加盟都市
directory-search = 名称
directory-sort = 並び順
directory-sort-name = 名称順
directory-sort-country = 国順
directory-sort-joined = 加盟の古い順
directory-sort-recent = 加盟の新しい順
directory-city = 都市
directory-count = { $count }都市
directory-export = CSV で書き出す
field-join-year = 加盟年
field-city-role = 役割
field-membership-status = 加盟状況
membership-status-active = 加盟中
membership-status-withdrawn = 退会
member-number = 加盟番号
member-joined = 加盟日
member-demo = デモデータ
member-application = 申請 { $reference }
member-users = 都市のユーザー
member-no-users = この都市のユーザーはまだいません。
member-invite-user = 都市のユーザーとして招待
member-roles = 役割
member-no-roles = 役割はありません。
member-status-heading = 加盟状況
member-withdrawn-on = 退会日
member-withdrawal-reason = 理由
member-withdrawal-reason-required = 退会の理由を書いてください。
member-dues-never-end = 納付金の未納で加盟が終わることはありません。退会は都市から申し出があった場合のみ記録してください。
member-withdraw = 退会を記録
member-reinstate = 加盟に戻す
member-status-changed = 加盟状況を変更しました。
member-status-unchanged = 加盟状況はすでにその状態です。
member-history = 履歴
event-joined = 加盟
event-withdrawn = 退会
event-reinstated = 再加盟
event-other = 変更
precision-day = 日付まで確定
precision-month = 月まで判明
precision-year = 年のみ判明
role-president = 会長都市
role-vice-president = 副会長都市
role-executive = 理事都市
role-lead = リーダー都市
role-current = 現職
role-starts-on = 開始
role-ends-on = 終了
role-add = 役割を追加
role-added = 役割を追加しました。
role-end = 終了
role-ended = 役割の任期を終了しました。
role-start-required = 任期の開始日を指定してください。
officers-title = 役員都市
officers-intro = 会長都市・副会長都市、理事都市、リーダー都市。各都市の市長が都市を代表します。
officers-none = 役員都市は登録されていません。
officers-term = 任期
import-title = 加盟都市名簿の取り込み

## 加盟認定証
certificate-title = 加盟認定証
certificate-heading = 加盟認定証
certificate-text = は、核兵器の廃絶と世界恒久平和の実現をめざす世界の都市とともに、本会議の加盟都市であることを証します。
certificate-since = 加盟日
certificate-signature = 会長　広島市長
certificate-print-hint = ブラウザーの印刷機能で、この認定証を印刷または PDF として保存できます。

## 都市のアカウント
city-edit-contact = 連絡先を編集
city-contact-saved = 貴市の連絡先を保存しました。
city-invite-invalid = 招待する方のメールアドレスと氏名を入力してください。

## 加盟関係のメール
mail-application-received-subject = 加盟申請を受け付けました：{ $city }（{ $reference }）
mail-application-received-body = { $city } の加盟申請をいただき、ありがとうございます。
mail-application-next-steps = 事務局は申請を審査し、毎月まとめて新規加盟都市を登録します。加盟は翌月1日からです。下のリンクから、いつでも申請の状況を確認できます。
mail-application-status-action = 申請の状況
mail-application-reference = 受付番号：{ $reference }
mail-application-info-subject = 追加情報のお願い（{ $reference }）
mail-application-info-body = { $city } の加盟申請をありがとうございます。審査のため、事務局から次の点をお尋ねします。
mail-application-reply-action = こちらから回答
mail-application-approved-subject = 加盟申請を承認しました：{ $city }
mail-application-approved-body = { $city } の加盟申請が承認されたことをお知らせします。
mail-application-approved-when = 事務局は毎月{ $day }日頃に新規加盟都市を登録します。加盟は登録の翌月1日からで、その際に加盟認定証をお送りします。
mail-application-rejected-subject = 加盟申請について（{ $reference }）
mail-application-rejected-body = { $city } の本会議へのご関心に感謝いたします。事務局は次の理由により、申請をお受けできませんでした。
mail-welcome-subject = 平和首長会議へようこそ：{ $city }
mail-welcome-body = { $city } は { $date } から平和首長会議の加盟都市となりました。加盟番号は { $number } です。
mail-welcome-activities = 核兵器禁止を求める署名活動への参加、原爆ポスター展の開催、総会への出席、姉妹都市への加盟の呼びかけなどにご協力ください。
mail-welcome-certificate-action = 加盟認定証

## 統計
nav-statistics = 統計
statistics-title = 数字で見る加盟都市
statistics-intro = 本会議の統計と同じ区分による地域別の加盟都市数と、加盟年ごとの新規加盟都市数です。
statistics-table-caption = 地域別の加盟都市数と国・地域数
statistics-countries = 国・地域
statistics-cities = 都市
statistics-total = 合計
statistics-cities-by-continent = 地域別の加盟都市
statistics-joins-by-year = 加盟年ごとの新規加盟都市
statistics-no-members = まだ加盟都市はありません。
dashboard-applications = 加盟申請
dashboard-applications-open = 審査待ちの申請：{ $count }件
dashboard-applications-approved = 月次登録待ちの承認済み都市：{ $count }件

## 姉妹都市への呼びかけ
nav-invitations = 姉妹都市を招待
sister-title = 姉妹都市を招待
sister-intro = まだ加盟していない姉妹都市・友好都市を招待できます。招待された都市には、都市名と国が入力済みの加盟申請フォームへのリンクがメールで届きます。申請・加盟の状況はこのページで確認できます。
sister-city-name = 招待する都市
sister-email = その都市のメールアドレス
sister-language = 招待状の言語
sister-inviting-number = 招待元の都市の加盟番号（任意）
sister-send = 招待を送信
sister-sent = 招待を送信します。
sister-sent-heading = 送信した招待
sister-none = まだ招待はありません。
sister-inviting-city = 招待元
sister-secretariat = 事務局
sister-sent-on = 送信日時
sister-progress = 状況
sister-progress-invited = 招待済み
sister-progress-applied = 申請済み
sister-progress-member = 加盟
error-member-number-unknown = この番号の加盟都市はありません。
mail-sister-subject = { $inviter } から { $city } への平和首長会議加盟のお誘い
mail-sister-greeting = { $city } 市長様
mail-sister-body = 平和首長会議の加盟都市である { $inviter } が、核兵器のない世界をめざす7,800を超える都市の連合への加盟を貴市にお勧めしています。
mail-sister-action = 加盟を申請する

## 国・地域（管理者）
nav-countries = 国・地域
countries-title = 国・地域
countries-intro = ISO 3166-1 のすべての国・地域と統計で使う地域区分、そして本会議が数える ISO コードのない地域です。
countries-add = ISO コードのない地域を追加
countries-name-en = 英語名
countries-name-ja = 日本語名（任意）
countries-name-ko = 韓国語名（任意）
countries-code = コード
countries-no-iso = ISO コードなし
countries-added = 地域を追加しました。
countries-exists = この名前の地域はすでにあります。
countries-moved = 地域区分を変更しました。
countries-add-invalid = 地域の英語名と地域区分を指定してください。
home-today = 現在の加盟都市：{ $countries }の国・地域の{ $cities }都市

## 署名
nav-petitions = 署名
petitions-title = 署名活動
petitions-intro = 核兵器のない世界を求める本会議の署名にご参加ください。署名はメールで確認され、1回だけ数えられます。
petitions-none = 署名活動はまだありません。
petition-addressee = 宛先：{ $addressee }
petition-signatures = { $count }筆
petition-closes = { $date } 締め切り
petition-status = 状態
petition-status-draft = 下書き
petition-status-open = 署名受付中
petition-status-closed = 終了
petition-count-heading = これまでの署名数
petition-of-goal = 目標 { $goal } 筆
petition-progress = 目標に対する進み具合
petition-online-paper = オンライン { $online }、用紙 { $paper }
petition-counted-at = { $time } 集計
petition-by-country = 国別の署名数
petition-online = オンライン
petition-paper = 用紙
petition-not-open = この署名は現在受け付けていません。
petition-new = 新しい署名活動
petition-edit = 署名活動を編集
petition-title-field = 題名
petition-slug = アドレス（英小文字・数字・ハイフン、例：ban-nuclear-weapons）
petition-addressee-field = 宛先
petition-body = 本文（Markdown）
petition-body-hint = Markdown：**太字**、*斜体*、[リンク](https://example.org)、箇条書き。HTML はそのまま文字として表示されます。
petition-goal = 目標（署名数）
petition-opens = 開始日
petition-closes-field = 締切日
petition-retention = 終了後に個人情報を保管する日数
petition-dates = 期間
petition-saved = 署名活動を保存しました。
petition-public-page = 公開ページ
error-slug-invalid = 英小文字・数字・ハイフンで3〜80文字にしてください。
error-slug-taken = このアドレスは別の署名活動で使われています。
error-goal-invalid = 目標を整数で入力してください。
error-date-invalid = 日付を入力してください（YYYY-MM-DD）。
error-retention-invalid = 0から3650までの日数を入力してください。
sign-heading = 署名する
sign-name = 氏名
sign-city = 市区町村（任意）
sign-collector = ほかの方の分も署名しますか？（9人まで）
sign-collector-hint = 署名用紙と同じように、依頼を受けたご家族や同僚の分も入力できます。あなたのメールアドレスで全員分をまとめて確認します。
sign-other = { $number }人目
sign-consent = 下記のプライバシーに関する説明のとおり、氏名・国・市区町村がこの署名のために保管されることに同意します。
sign-keep-informed = 本会議の活動についてのお知らせを受け取る。
sign-privacy = 署名の確認のためにメールを1通お送りします。メールアドレスは公開されません。氏名は署名とともに提出されます。署名活動の終了後、保管期間を過ぎると個人情報は削除され、国と日付だけが残ります。
sign-submit = 署名する
error-consent-required = 署名するにはプライバシーに関する説明への同意が必要です。
sign-blocked-domain = このメールドメインからの署名は受け付けていません。別のアドレスをお使いください。
sign-sent = ありがとうございます。お送りしたメールのリンクを開いて署名を確認してください。確認されるまで署名は数えられません。
sign-resent = すでに署名済みですが、まだ確認されていません。確認用のリンクを再送しました。
sign-pending = すでに署名されています。確認メールは数分前に送信しました。受信箱（と迷惑メールフォルダー）をご確認ください。
sign-already = このメールアドレスでは、すでにこの署名に参加し確認済みです。ありがとうございます。
sign-back = 署名のページへ戻る
sign-verify-ask = この署名への参加を確認してください。
sign-verify-button = 署名を確認する
sign-verify-until = このリンクは { $time } まで有効です。
sign-verify-expired = この確認リンクは期限切れです。新しいリンクを受け取るため、もう一度署名してください。
sign-verify-done = この署名はすでに確認されています。ありがとうございます。
sign-verify-withdrawn = この署名は取り消されています。
sign-verified = ありがとうございます。署名が確認されました。まもなく署名数に反映されます。
sign-withdraw-ask = この署名を取り消しますか？取り消すと数えられなくなります。
sign-withdraw-button = 署名を取り消す
sign-withdraw-done = この署名は取り消されました。
sign-withdrawn = 署名を取り消しました。
mail-sign-greeting = こんにちは。
mail-sign-verify-subject = 署名の確認をお願いします：{ $title }
mail-sign-verify-body = 「{ $title }」へのご署名ありがとうございます。下のボタンから署名を確認してください。確認されるまで署名は数えられません。
mail-sign-verify-collector = この確認で{ $count }筆（あなたの分とほかの方の分）が確定します。
mail-sign-verify-ignore = 心当たりのない場合は、このメールを無視してください。署名は数えられません。
mail-sign-verify-action = 署名を確認する
mail-sign-thanks-subject = 署名が確認されました：{ $title }
mail-sign-thanks-body = 「{ $title }」へのご署名が確認されました。核兵器廃絶に向けて世界の都市とともに行動してくださり、ありがとうございます。
mail-sign-thanks-withdraw = 考えが変わった場合は、いつでも署名を取り消せます。
mail-sign-withdraw-action = 署名を取り消す
paper-heading = 用紙による署名
paper-none = 用紙による署名はまだ記録されていません。
paper-record = 用紙の署名を記録
paper-recorded = 用紙の署名を記録しました。まもなく署名数に反映されます。
paper-signatures = 署名数
paper-collected = 収集期間
paper-collected-from = 収集開始日
paper-collected-to = 収集終了日
paper-handed-over = 提出日
paper-note = メモ
paper-scan = スキャン
paper-scan-field = 署名用紙のスキャン（PDF・JPEG・PNG、任意）
error-count-invalid = 数を整数で入力してください。
error-scan-too-large = スキャンが大きすぎます（8 MB まで）。
error-scan-type = スキャンは PDF・JPEG・PNG のいずれかにしてください。
petitions-manage = 署名活動と用紙の署名の管理
## CSV import and export
import-intro = 既存の名簿から加盟都市を取り込みます。1行目に見出し行のある CSV ファイルを UTF-8 で保存してください（Excel では「名前を付けて保存」で「CSV UTF-8」を選びます）。加盟都市一覧の CSV 書き出しと同じ列なので、書き出したファイルはそのまま取り込めます。
import-columns = 列（* は必須）：
import-columns-hint = 加盟日は 2019-07-01、2019-07、2019 のように書きます。書き方で日付の精度（日・月・年）も表します。加盟番号が空の行には、空いている次の番号が付きます。status は active（加盟中）または withdrawn（脱退）で、空なら active です。language は en、ja、ko のいずれかで、空なら en です。
import-file = CSV ファイル
import-file-hint = { $size } MB まで。
import-all-or-nothing = 問題のある行が一つでもあれば、何も取り込みません。ファイルを直して、もう一度アップロードしてください。
import-dry-run = 確認のみ
import-submit = 取り込む
import-ready = { $count }行すべて取り込める状態です。
import-dry-run-nothing-written = 確認のみのため、何も書き込んでいません。
import-problem-rows = { $count }行に問題があります。
import-good-rows = ほかの{ $count }行は問題ありません。
import-nothing-written = 何も取り込んでいません。
import-line = 行
import-column = 列
import-problem = 問題
import-done = { $count }件の加盟都市を取り込みました。
import-error-no-file = CSV ファイルを選んでください。
import-error-too-large = ファイルが大きすぎます。いくつかのファイルに分けてください。
import-error-not-utf8 = ファイルが UTF-8 のテキストではありません。Excel では「名前を付けて保存」で「CSV UTF-8」を選んでください。
import-error-empty = ファイルが空です。
import-error-no-rows = 見出し行はありますが、加盟都市の行がありません。
import-error-unreadable = この行は CSV として読み取れませんでした。
import-error-field-count = この行のセルの数が見出し行と違います。
import-error-unknown-column = この名前の列はありません。
import-error-repeated-column = この列が見出し行に二度あります。
import-error-missing-column = 必須の列が見出し行にありません。
import-error-member-number = 加盟番号は 1 以上の整数で書くか、空にしてください。
import-error-member-number-taken = この番号の加盟都市がすでにあります。
import-error-member-number-repeated = ファイルの前の行にも同じ加盟番号があります。
import-error-country = このコードの国・地域はありません。書き出しと同じく JP や BE のようなコードを使ってください。
import-error-join-date = 日付は 2019-07-01、2019-07、2019 のように書いてください。
import-error-precision = day、month、year のいずれかを書いてください。
import-error-precision-mismatch = join_date の書き方と合っていません（2019-07-01 は day、2019-07 は month、2019 は year）。
import-error-status = active か withdrawn を書いてください。
import-error-language = en、ja、ko のいずれかを書いてください。
import-error-date = 日付は 2019-07-01 のように書いてください。
import-error-not-withdrawn = 脱退日や脱退理由があるのは、脱退した加盟都市だけです。

## 署名の監督
report-title = 提出用報告書
report-date = { $date } 現在の報告
report-totals = 署名数
export-signatures = 署名（CSV）
export-countries = 国別の署名数（CSV）
bursts-title = 集中的な署名
bursts-intro = 期間内に{ $threshold }件以上の有効な署名があった IP アドレスとメールドメインです。
bursts-window = 期間（分）
bursts-by-ip = IP アドレス別
bursts-by-domain = メールドメイン別
bursts-none = この期間に集中的な署名はありません。
bursts-invalidate = これらの署名を無効にする
bursts-invalidated = { $count }件の署名を無効にしました。
blocklist-title = ブロックしたメールドメイン
blocklist-intro = これらのドメインのアドレスによる署名は受け付けません（使い捨てアドレスのサービスや攻撃に使われたドメイン）。
blocklist-domain = ドメイン
blocklist-reason = 理由
blocklist-add = ブロック
blocklist-remove = ブロック解除
blocklist-added = ドメインをブロックしました。
blocklist-removed = ドメインのブロックを解除しました。
blocklist-exists = このドメインはすでにブロックされています。
blocklist-invalid = example.org のようなドメインを入力してください。
