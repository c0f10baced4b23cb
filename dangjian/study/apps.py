from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "dangjian.study"
    label = "study"
    verbose_name = "理论学习与组织生活"

    def ready(self) -> None:
        from dangjian.core import partitioning

        # On PostgreSQL the attendance tables are partitioned by year (migration study.0003).
        for table in ("study_meetingattendance", "study_sessionattendance", "study_dayattendance"):
            partitioning.register_year_table(table)
