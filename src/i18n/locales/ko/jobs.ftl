# 예약 작업(issue #17의 5): /admin/jobs, 실행 기록, 이메일.
nav-jobs = 예약 작업
audit-action-job-run-now = 작업 수동 실행
audit-action-job-pause = 작업 일시 중지
audit-action-job-resume = 작업 재개
audit-entity-job = 예약 작업

jobs-title = 예약 작업
jobs-intro = 이 작업들은 일정에 따라 자동으로 실행됩니다. 작업을 먼저 가져간 인스턴스가 실행하며, 실행할 때마다 기록이 남습니다. 멈추려면 일시 중지를, 바로 실행하려면 "지금 실행"을 누르세요.
jobs-empty = 이 데이터베이스에는 예약 작업이 없습니다. "solidarity migrate"를 실행해 추가한 뒤 이 페이지를 새로 고치세요.
jobs-job = 작업
jobs-schedule = 일정
jobs-last-run = 마지막 실행
jobs-next-run = 다음 실행
jobs-actions = 동작
jobs-never-run = 아직 실행되지 않았습니다. 다음 실행 때 실행되며, 바로 실행하려면 "지금 실행"을 누르세요.
jobs-times-utc = 모든 시각은 UTC입니다.
jobs-back = 모든 예약 작업
jobs-history = 실행 기록
jobs-history-empty = 이 작업은 아직 실행되지 않았습니다. 다음 실행 때 실행되며, 바로 실행하려면 "지금 실행"을 누르세요.
jobs-run-started = 시작
jobs-run-finished = 종료
jobs-run-how = 실행 주체
jobs-run-outcome = 결과
jobs-run-counts = 처리 내용

job-registration-preparation = 가입 등록 준비
job-dues-reminders = 회비 안내
job-petition-anonymisation = 서명 익명화
job-registration-preparation-about = 등록일에 승인되어 등록을 기다리는 신청을 정리하고, 직원에게 검토용 링크를 이메일로 보냅니다. 직원이 등록 페이지에서 목록을 확인하고 등록을 실행합니다. 이 작업은 스스로 등록하지 않습니다.
job-dues-reminders-about = 이번 회계연도 회비를 내지 않았고, 안내를 거부하지 않았으며, 안내 간격 안에 안내받지 않은 도시에 회비 안내를 발송 대기열에 넣습니다.
job-petition-anonymisation-about = 보존 기간이 지난 종료된 서명 운동에서 이름, 도시, 이메일·IP 주소, 종이 서명 스캔을 지웁니다. 집계는 그대로입니다.

job-items-registration-preparation = 승인된 신청 { $number }건 등록 대기
job-items-dues-reminders = 안내 { $number }건 발송 대기
job-items-petition-anonymisation = 서명 운동 { $number }건 익명화

job-outcome-running = 실행 중
job-outcome-ok = 완료
job-outcome-failed = 실패
job-outcome-abandoned = 중단됨
job-next-paused = 일시 중지됨: 재개할 때까지 실행되지 않습니다.
job-next-unscheduled = 다음 확인 때 정해집니다
job-schedule-daily = 매일 { $time } (UTC)
job-schedule-monthly = 매월 { $day }일 { $time } (UTC)
job-schedule-registration-day = 등록일(매월 { $day }일) { $time } (UTC)
job-run-manual = 관리자("지금 실행")
job-run-scheduled = 일정
job-running-now = 실행 중입니다.
job-run-now = 지금 실행
job-pause = 일시 중지
job-resume = 재개
job-confirm-title = 지금 실행
job-confirm-body = 이 인스턴스에서 바로 실행하고 기록을 남깁니다. 일정은 바뀌지 않습니다.
job-confirm-cancel = 취소
job-ran = 완료: { $counts }.
job-run-failed = 실행에 실패했습니다: { $error }
job-paused = 작업을 일시 중지했습니다. 재개할 때까지 실행되지 않습니다.
job-resumed = 작업을 재개했습니다. 일정에 따라 다시 실행됩니다.
job-already-running = 작업이 이미 실행 중입니다. 끝날 때까지 기다려 주세요.
job-already-paused = 작업이 이미 일시 중지되어 있습니다.
job-not-paused = 작업이 일시 중지되어 있지 않습니다.

job-mail-registration-subject = 승인된 신청 { $count }건이 가입 등록을 기다립니다
job-mail-registration-body = 오늘은 등록일입니다. 승인된 다음 신청 { $count }건이 등록을 기다립니다:
job-mail-registration-more = … 외 { $count }건
job-mail-registration-confirm = 직원이 확인하기 전에는 아무도 등록되지 않습니다. 등록 페이지에서 목록을 확인하고 그곳에서 등록을 실행하세요.
job-mail-registration-action = 가입 등록 검토 및 실행
