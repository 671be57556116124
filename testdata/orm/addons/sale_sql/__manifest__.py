{
    "name": "Sale ranks",
    "version": "17.0.1.1",
    "depends": ["partner_orm"],
    "license": "LGPL-3",
}
