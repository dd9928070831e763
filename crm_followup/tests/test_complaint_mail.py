"""Complaints by e-mail: a mail to the complaints alias is a complaint of the sender's customer,
the replies go to its chatter, a stranger's mail is bounced."""
from email.message import EmailMessage

from .complaint_common import ComplaintCase


class TestComplaintMail(ComplaintCase):

    @classmethod
    def setUpClass(cls):
        super(TestComplaintMail, cls).setUpClass()
        cls.env["ir.config_parameter"].set_param("mail.catchall.domain", "example.com")
        cls.contact.write({"email": "liuyang@huaxin.example.cn"})

    def _receive(self, sender, subject, body, msgid, reply_to=None):
        mail = EmailMessage()
        mail["From"] = "刘洋 <%s>" % sender
        mail["Return-Path"] = "<%s>" % sender
        mail["To"] = "complaint@example.com"
        mail["Subject"] = subject
        mail["Message-ID"] = "<%s@example.cn>" % msgid
        if reply_to:
            mail["In-Reply-To"] = mail["References"] = "<%s@example.cn>" % reply_to
        mail.set_content(body)
        return self.env["mail.thread"].message_process(None, mail.as_bytes())

    def test_a_mail_to_the_alias_is_a_complaint_of_the_senders_customer(self):
        self._receive("liuyang@huaxin.example.cn", "第三批货物外箱破损", "收到的 20 箱中有 6 箱外箱破损。", "m1")
        complaint = self.Complaint.search([("subject", "=", "第三批货物外箱破损")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual((complaint.partner_id, complaint.contact_id), (self.customer, self.contact))
        self.assertEqual(complaint.channel_id, self.env.ref("crm_followup.crm_followup_complaint_channel_email"))
        self.assertIn("6 箱外箱破损", complaint.description)
        self.assertRegex(complaint.name, r"^TS\d{12}$")
        self.assertEqual(complaint.customer_owner_id, self.salesperson, "its owner is told")
        self.assertTrue(complaint.user_id, "the rules assigned it")

        self._receive("liuyang@huaxin.example.cn", "Re: 第三批货物外箱破损", "补充：破损照片见附件。", "m2", reply_to="m1")
        self.assertEqual(self.Complaint.search_count([("partner_id", "=", self.customer.id)]), 1, "no second complaint")
        self.assertTrue(any("破损照片见附件" in (m.body or "") for m in complaint.message_ids), "the reply is in its chatter")

    def test_a_stranger_is_bounced(self):
        before = self.Complaint.search_count([])
        self._receive("someone@spam.example.org", "买发票", "代开发票", "m3")
        self._receive(self.manager.email, "测试", "内部同事的邮件", "m4")  # known, but no customer
        self.assertEqual(self.Complaint.search_count([]), before)
        # Odoo sends (and deletes) the bounce at once: what it says is the alias check's answer
        alias = self.env.ref("crm_followup.mail_alias_complaint")
        refusal = self.Complaint._alias_check_contact(None, {"author_id": self.manager.partner_id.id}, alias)
        self.assertIn("not one of our customers", refusal["error_template"])
        self.assertIs(self.Complaint._alias_check_contact(None, {"author_id": self.contact.id}, alias), True)
