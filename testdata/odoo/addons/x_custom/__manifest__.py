{
    "name": "Custom sales",
    "version": "17.0.1.1",
    "depends": ["sale"],
    "license": "LGPL-3",
}
