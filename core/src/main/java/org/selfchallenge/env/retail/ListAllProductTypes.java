package org.selfchallenge.env.retail;

import org.selfchallenge.env.AbstractTauTool;
import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.pyval.PyJson;
import org.selfchallenge.pyval.PyToolOps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code list_all_product_types()}: {@code {name: product_id}} sorted by name (code points). */
public final class ListAllProductTypes extends AbstractTauTool {
    public ListAllProductTypes() {
        super("list_all_product_types", true);
    }

    @Override
    public String invoke(CowDatabase db, Map<String, Object> kw) {
        LinkedHashMap<Object, Object> byName = new LinkedHashMap<>();
        for (String id : db.ids(RetailData.PRODUCTS)) {
            Map<String, Object> p = db.read(RetailData.PRODUCTS, id);
            byName.put(PyToolOps.getItem(p, "name"), PyToolOps.getItem(p, "product_id"));
        }
        List<Object> names = PyToolOps.sorted(new ArrayList<>(byName.keySet()));
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
        for (Object n : names) {
            out.put(n, byName.get(n));
        }
        return PyJson.dumps(out);
    }
}
