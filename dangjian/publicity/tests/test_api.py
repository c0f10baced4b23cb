from .helpers import SPAM_BODY, PublicityTestCase


class ApiTests(PublicityTestCase):
    def test_it_lists_articles_with_editor_and_reviewer(self):
        article = self.published()
        self.login_as(self.w.staff)
        data = self.client.get("/api/v1/publicity/articles").json()
        self.assertEqual(data["count"], 1)
        item = data["items"][0]
        self.assertEqual(
            (item["id"], item["editor"], item["reviewer"], item["status"]),
            (article.pk, "bianji", "shenhe", "published"),
        )

    def test_it_scopes_the_list(self):
        self.published()
        self.login_as(self.w.admin_b)
        self.assertEqual(self.client.get("/api/v1/publicity/articles").json()["count"], 0)

    def test_it_gives_an_articles_findings_and_history(self):
        article = self.draft(body=SPAM_BODY)
        self.client.force_login(self.editor)
        self.client.post(f"/publicity/articles/{article.pk}/submit/")
        data = self.client.get(f"/api/v1/publicity/articles/{article.pk}").json()
        self.assertEqual(data["scan_verdict"], "blocked")
        self.assertEqual(data["findings"][0]["kind"], "name_tampered")
        self.assertEqual([h["action"] for h in data["history"]], ["created", "submit_blocked"])

    def test_it_scans_a_text(self):
        self.login_as(self.w.admin_a)
        response = self.client.post(
            "/api/v1/publicity/scan", {"content": "金沙9159官网"}, content_type="application/json"
        )
        self.assertEqual(response.json()["verdict"], "blocked")
        response = self.client.post(
            "/api/v1/publicity/scan", {"content": "下载学习强国app"}, content_type="application/json"
        )
        self.assertEqual(response.json(), {"verdict": "clean", "findings": []})

    def test_it_refuses_a_member(self):
        self.login_as(self.w.member)
        self.assertEqual(self.client.get("/api/v1/publicity/articles").status_code, 404)
