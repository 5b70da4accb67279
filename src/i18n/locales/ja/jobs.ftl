# 定期ジョブ（issue #17 の5）：/admin/jobs、実行履歴、メール。
nav-jobs = ジョブ
audit-action-job-run-now = ジョブを手動で実行
audit-action-job-pause = ジョブを一時停止
audit-action-job-resume = ジョブを再開
audit-entity-job = 定期ジョブ

jobs-title = 定期ジョブ
jobs-intro = これらのジョブは予定に従って自動で実行されます。最初にジョブを取得したインスタンスが実行し、実行ごとに記録が残ります。止めるには一時停止を、すぐ実行するには「今すぐ実行」を押してください。
jobs-empty = このデータベースには定期ジョブがありません。「solidarity migrate」を実行して追加し、このページを再読み込みしてください。
jobs-job = ジョブ
jobs-schedule = 予定
jobs-last-run = 前回の実行
jobs-next-run = 次回の実行
jobs-actions = 操作
jobs-never-run = まだ実行されていません。次回の予定で実行されるか、「今すぐ実行」を押してください。
jobs-times-utc = 時刻はすべてUTCです。
jobs-back = すべての定期ジョブ
jobs-history = 実行履歴
jobs-history-empty = このジョブはまだ実行されていません。次回の予定で実行されます。すぐ実行するには「今すぐ実行」を押してください。
jobs-run-started = 開始
jobs-run-finished = 終了
jobs-run-how = 実行のきっかけ
jobs-run-outcome = 結果
jobs-run-counts = 処理内容

job-registration-preparation = 登録作業の準備
job-dues-reminders = 会費のお知らせ
job-petition-anonymisation = 署名の匿名化
job-registration-preparation-about = 登録日に、承認済みで登録を待つ申請を一覧にし、職員に確認用リンクをメールで送ります。職員が登録ページで一覧を確認して登録を実行します。このジョブ自体は登録しません。
job-dues-reminders-about = 今年度の会費が未納で、お知らせを断っておらず、お知らせの間隔内に連絡していない都市に、会費のお知らせを送信待ちにします。
job-petition-anonymisation-about = 保存期間を過ぎて終了した署名運動から、氏名、都市、メールアドレス、IPアドレス、紙の署名のスキャンを削除します。件数は変わりません。

job-items-registration-preparation = 承認済みの申請 { $number }件が登録待ち
job-items-dues-reminders = お知らせ { $number }件を送信待ちに
job-items-petition-anonymisation = 署名運動 { $number }件を匿名化

job-outcome-running = 実行中
job-outcome-ok = 完了
job-outcome-failed = 失敗
job-outcome-abandoned = 中断
job-next-paused = 一時停止中：再開するまで実行されません。
job-next-unscheduled = 次の確認時に設定されます
job-schedule-daily = 毎日 { $time }（UTC）
job-schedule-monthly = 毎月{ $day }日 { $time }（UTC）
job-schedule-registration-day = 登録日（毎月{ $day }日）{ $time }（UTC）
job-run-manual = 管理者（今すぐ実行）
job-run-scheduled = 予定
job-running-now = 実行中です。
job-run-now = 今すぐ実行
job-pause = 一時停止
job-resume = 再開
job-confirm-title = 今すぐ実行
job-confirm-body = このインスタンスですぐに実行し、記録を残します。予定は変わりません。
job-confirm-cancel = キャンセル
job-ran = 完了：{ $counts }。
job-run-failed = 実行に失敗しました：{ $error }
job-paused = ジョブを一時停止しました。再開するまで実行されません。
job-resumed = ジョブを再開しました。予定に従って実行されます。
job-already-running = このジョブは実行中です。終わるまでお待ちください。
job-already-paused = このジョブはすでに一時停止中です。
job-not-paused = このジョブは一時停止していません。

job-mail-registration-subject = 承認済みの申請 { $count }件が登録を待っています
job-mail-registration-body = 本日は登録日です。次の承認済みの申請 { $count }件が登録を待っています：
job-mail-registration-more = …ほか{ $count }件
job-mail-registration-confirm = 職員が確認するまで登録は行われません。登録ページで一覧を確認し、そこで登録を実行してください。
job-mail-registration-action = 登録作業を確認して実行する
