package org.selfchallenge.env.retail;

import org.selfchallenge.env.CowDatabase;
import org.selfchallenge.env.Environment;
import org.selfchallenge.env.Resources;
import org.selfchallenge.env.TauDomain;
import org.selfchallenge.env.TauEnvironment;
import org.selfchallenge.env.TauTool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * τ-bench retail ({@code tau_bench/envs/retail}): 16 tools over orders, products and users. The data
 * is parsed once per JVM (first use) and shared read-only; each instance owns a copy-on-write overlay.
 */
public final class RetailEnvironment extends TauEnvironment {
    public static final String NAME = "retail";
    public static final String RESOURCE_DIR = Resources.DATA_ROOT + "taubench/retail/";

    /** {@code ALL_TOOLS} in upstream order (= {@code tools.json} order). */
    static List<TauTool> allTools() {
        return List.of(new Calculate(), new CancelPendingOrder(), new ExchangeDeliveredOrderItems(),
                new FindUserIdByEmail(), new FindUserIdByNameZip(), new GetOrderDetails(),
                new GetProductDetails(), new GetUserDetails(), new ListAllProductTypes(),
                new ModifyPendingOrderAddress(), new ModifyPendingOrderItems(), new ModifyPendingOrderPayment(),
                new ModifyUserAddress(), new ReturnDeliveredOrderItems(), new Think(), new TransferToHumanAgents());
    }

    /** Lazy, thread-safe, once per JVM (holder idiom). */
    private static final class Holder {
        static final TauDomain DOMAIN;
        static final Map<String, TauTool> TOOLS;

        static {
            LinkedHashMap<String, String> tables = new LinkedHashMap<>();
            tables.put("orders", "orders.json");
            tables.put("products", "products.json");
            tables.put("users", "users.json");
            DOMAIN = TauDomain.load(NAME, RESOURCE_DIR, tables, allTools(), Set.of(TransferToHumanAgents.NAME));
            TOOLS = DOMAIN.toolMap();
        }
    }

    private RetailEnvironment(CowDatabase db) {
        super(Holder.DOMAIN, Holder.TOOLS, db);
    }

    /** The shared retail domain (tools, policy, initial data). */
    public static TauDomain domain0() {
        return Holder.DOMAIN;
    }

    /** A retail environment in its initial state. */
    public static Environment load() {
        return create();
    }

    /** Typed variant of {@link #load()}. */
    public static RetailEnvironment create() {
        return new RetailEnvironment(new CowDatabase(Holder.DOMAIN.data()));
    }

    @Override
    protected TauEnvironment create(CowDatabase db) {
        return new RetailEnvironment(db);
    }

    @Override
    public RetailEnvironment fresh() {
        return (RetailEnvironment) super.fresh();
    }
}
