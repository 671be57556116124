# -*- coding: utf-8 -*-
{
    "name" : "Legacy Module",
    "version" : 1.1,
    "depends" : ["base"],
    "author" : u"Société Exemple",
    "init_xml" : [],
    "update_xml" : ["legacy_view.xml"],
    "active": False,
    "installable": True
}
