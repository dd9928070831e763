"""The normalisation behind the duplicate check and the search by phone, on plain values."""
import unittest

from ..models.partner_keys import email_key, name_key, phone_key


class TestPhoneKey(unittest.TestCase):

    def test_every_way_of_writing_a_fixed_line_gives_one_key(self):
        for text in ("020-62567315", "(020) 6256 7315", "+86 20 6256 7315", "０２０－６２５６７３１５",
                     "（０２０）６２５６７３１５", "0086 20 62567315", "862062567315", "+86 (0)20 6256-7315",
                     "020.6256.7315", "020-62567315-8001", "020-62567315 转 8001", "020 62567315 ext. 8001"):
            self.assertEqual(phone_key(text), "02062567315", text)

    def test_every_way_of_writing_a_mobile_gives_one_key(self):
        for text in ("13812345678", "138 1234 5678", "138-1234-5678", "+86-138-1234-5678", "+8613812345678",
                     "0086 138 1234 5678", "8613812345678", "１３８１２３４５６７８", "＋８６ １３８ １２３４ ５６７８"):
            self.assertEqual(phone_key(text), "13812345678", text)

    def test_a_number_without_its_area_code_is_not_taken_for_one_with(self):
        # 62567315 exists in every city: it is its own key, not 020's
        self.assertEqual(phone_key("62567315"), "62567315")
        self.assertEqual(phone_key("6256 7315"), "62567315")

    def test_beijing_and_four_digit_area_codes_keep_their_trunk_zero(self):
        self.assertEqual(phone_key("+86 10 6234 5678"), "01062345678")
        self.assertEqual(phone_key("010-62345678"), "01062345678")
        self.assertEqual(phone_key("0755-89385855"), "075589385855")
        self.assertEqual(phone_key("+86 755 8938 5855"), "075589385855")

    def test_foreign_numbers_keep_their_country_code(self):
        self.assertEqual(phone_key("+852 2123 4567"), "85221234567")
        self.assertEqual(phone_key("00852 2123 4567"), "85221234567")

    def test_no_key_for_short_or_empty_numbers(self):
        for text in (False, None, "", "110", "12345", "无", "-"):
            self.assertFalse(phone_key(text), text)


class TestEmailKey(unittest.TestCase):

    def test_case_spaces_full_width_and_display_name_do_not_count(self):
        for text in ("zhang@example.com", " ZHANG@Example.COM ", "Zhang Wei <zhang@example.com>",
                     "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"):
            self.assertEqual(email_key(text), "zhang@example.com", text)

    def test_no_key_without_an_address(self):
        for text in (False, "", "zhang", "@", "无"):
            self.assertFalse(email_key(text), text)


class TestNameKey(unittest.TestCase):

    def test_legal_forms_spaces_brackets_and_case_do_not_count(self):
        for text in ("深圳华信电子有限公司", "深圳华信电子股份有限公司", "深圳华信电子有限责任公司", "深圳华信电子公司",
                     "深圳 华信电子", "深圳华信电子", "深圳华信电子（有限公司）"):
            self.assertEqual(name_key(text), "深圳华信电子", text)
        self.assertEqual(name_key("华信（深圳）电子有限公司"), name_key("华信(深圳)电子有限公司"))
        for text in ("Huaxin Electronics Co., Ltd.", "HUAXIN ELECTRONICS CO LTD", "Huaxin Electronics Ltd",
                     "Huaxin Electronics Limited", "Huaxin Electronics, Inc.", "ＨＵＡＸＩＮ Ｅｌｅｃｔｒｏｎｉｃｓ"):
            self.assertEqual(name_key(text), "huaxinelectronics", text)

    def test_what_names_another_company_is_kept(self):
        group, member = name_key("华信集团有限公司"), name_key("华信有限公司")
        self.assertEqual((group, member), ("华信集团", "华信"))  # a group is not its member
        branch = name_key("深圳华信电子有限公司广州分公司")
        self.assertEqual(branch, "深圳华信电子广州分公司")
        self.assertEqual(branch, name_key("深圳华信电子广州分公司"))
        self.assertNotEqual(branch, name_key("深圳华信电子有限公司"))
        self.assertNotEqual(name_key("华信电子（深圳）有限公司"), name_key("华信电子有限公司"))
        self.assertNotEqual(name_key("Huaxin Group Ltd"), name_key("Huaxin Ltd"))

    def test_no_key_for_a_bare_legal_form(self):
        for text in (False, "", "有限公司", "Co., Ltd.", "A"):
            self.assertFalse(name_key(text), text)
