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
