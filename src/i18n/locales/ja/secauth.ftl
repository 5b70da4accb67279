## セキュリティ：ログインの抑制、2段階認証、セッション (area-secauth)

login-wait = 最近の失敗が多すぎます。少しお待ちください：{ $seconds }秒後にもう一度お試しください。
error-password-common = このパスワードはよく使われる、または流出したパスワードの一覧に載っています。別のものを選んでください。
error-password-weak = このパスワードは使われている文字の種類が少なすぎます。推測されにくいものを選んでください。

login-code-title = ログインコードを入力
login-code-field = 認証アプリのコード、またはリカバリーコード
login-code-hint = スマートフォンの認証アプリを開き、Solidarity に表示されている6桁の数字を入力してください。スマートフォンをなくした場合は、リカバリーコードを1つ使ってください。

two-factor-title = 2段階認証
two-factor-intro = ログインの際、パスワードに加えてスマートフォンの認証アプリのコードを求めます。パスワードが盗まれてもそれだけではアカウントに入れません。
two-factor-enabled = 2段階認証は有効です。未使用のリカバリーコードが{ $count }個あります。
two-factor-replace-hint = 新しいスマートフォンに移すには、下のコードをそのスマートフォンで読み取って確認してください。古いアプリと古いリカバリーコードは使えなくなります。
two-factor-scan = このQRコードを認証アプリ（FreeOTP、Aegis、Google Authenticator など）で読み取ってください。
two-factor-qr-alt = 認証アプリ用のQRコード
two-factor-secret-label = 読み取れない場合は、このキーをアプリに入力してください：
two-factor-code-label = アプリに今表示されている6桁のコード
two-factor-submit = 確認して有効にする
two-factor-code-wrong = コードが一致しません。スマートフォンの時計が正しいか確かめ、アプリに今表示されているコードを入力してください。
two-factor-cannot-reset-own = 自分の2段階認証はリセットできません。別の管理者に依頼してください。
two-factor-reset-done = { $email } の2段階認証をリセットし、そのセッションを終了しました。次回のログイン時に設定し直します。

recovery-codes-title = リカバリーコード
recovery-codes-intro = この10個のコードを、スマートフォンとは別の安全な場所（印刷、またはパスワード管理ソフト）に保管してください。スマートフォンをなくしたとき、それぞれ1回だけログインに使えます。表示されるのは今だけです。
recovery-codes-continue = 保存しました：続ける

account-sessions = セッション
account-sign-out-everywhere = すべての端末からログアウト
account-sign-out-everywhere-hint = この端末を含め、すべての端末でのあなたのアカウントのセッションを終了します。共用のコンピューターでログインした後や、端末をなくしたときに使います。

users-two-factor = 2段階認証
users-two-factor-on = 有効
users-two-factor-off = 無効
users-two-factor-reset = リセット（端末紛失）

failures-title = ログインの失敗
failures-rules-account = 1時間以内に1つのアカウントで{ $free }回失敗すると、次のログインは数秒待ちます。失敗のたびに長くなりますが、{ $seconds }秒を超えることはありません。誰も持ち主を締め出すことはできません。
failures-rules-address = 1つのアドレスから（どのアカウントでも）{ $free }回失敗すると、そのアドレスも待ちます（最長{ $seconds }秒）。
failures-rules-ceiling = 1つのアドレスの失敗は1時間に{ $count }回までです。
failures-rules-kept = 失敗の記録は{ $days }日間保存されます。このページは直近24時間を表示します。
failures-empty = 直近24時間にログインの失敗はありません。対応は不要です。
failures-by-account = 入力されたメールアドレス別
failures-by-address = 接続元アドレス別
failures-address = 接続元アドレス
failures-count = 失敗
failures-last = 最新

audit-action-user-two-factor-enable = 2段階認証を設定
audit-action-user-two-factor-reset = ユーザーの2段階認証をリセット
audit-action-user-recovery-code-used = リカバリーコードでログイン
audit-action-user-sign-out-everywhere = すべての端末からログアウト
